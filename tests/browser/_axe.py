"""The axe-core accessibility checker, injected into a page the browser tests opened.

axe is vendored for the tests only (tests/browser/vendor, listed in
portal/static/vendor/VENDOR.md): the portal never serves or loads it.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"  # answered by the test's route, never by the app
# WCAG 2.x A and AA plus axe's best practices (landmarks, headings, regions).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """axe's violations on the page as it is now (or inside `selector`)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        _inject(page)
    return page.evaluate(
        """([selector, tags]) => axe.run(selector || document,
               {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(" "),
                                         summary: n.failureSummary}))})))""",
        [selector, TAGS],
    )


def _inject(page) -> None:
    """The portal's CSP allows only same-origin scripts (no inline ones, which
    `add_script_tag(path=...)` would write): answer a same-origin URL with the file
    from the test instead, so the check runs under the real policy."""
    origin = page.evaluate("location.origin")
    url = f"{origin}{AXE_URL}"
    page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=url)


def readable(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page, selector: str | None = None) -> None:
    violations = axe_violations(page, selector)
    assert not violations, f"axe found on {page.url}:\n{readable(violations)}"
