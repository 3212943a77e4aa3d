"""Page or fragment, error pages, security headers."""

import pytest

from portal.web import render, safe_next


def test_render_gives_a_fragment_only_to_plain_htmx_requests(app):
    from portal.audit.forms import AuditFilterForm

    def page():
        form = AuditFilterForm(formdata=None)
        return render("audit/index.html", "results", rows=[], more=None, form=form, args={})

    app.add_url_rule("/t", "t", page)
    app.view_functions["t"].capability = "public"
    client = app.test_client()
    full = client.get("/t").get_data(as_text=True)
    assert "<html" in full and 'id="results"' in full
    fragment = client.get("/t", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and 'id="results"' in fragment
    boosted = client.get("/t", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True)
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/t", headers=restore).get_data(as_text=True)


def test_unknown_url_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.get_data(as_text=True)


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_forbidden_page_is_friendly(login_as, client):
    login_as("frontline")
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "Your roles do not give access to this page." in response.get_data(as_text=True)


def test_base_layout_sends_csrf_with_htmx_and_serves_pinned_htmx(login_as, client):
    login_as("frontline")
    page = client.get("/").get_data(as_text=True)
    assert 'hx-boost="true"' in page and "X-CSRFToken" in page
    assert "/static/vendor/htmx.min.js" in page
    assert client.get("/static/vendor/htmx.min.js").status_code == 200


def test_server_error_is_a_friendly_500(app):
    def broken():
        raise RuntimeError("boom")

    broken.capability = "public"
    app.add_url_rule("/broken", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    assert "The error was logged. Nothing was saved." in response.get_data(as_text=True)


def test_pages_are_never_stored_but_static_files_may_be(login_as, client):
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    login_as("frontline")
    assert client.get("/").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/portal.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/customers/7?via=search", "/customers/7?via=search"),
        ("//evil.example/x", None),
        ("/\\evil.example", None),
        ("https://evil.example/", None),
        ("customers/7", None),
        ("", None),
    ],
)
def test_only_a_path_on_this_site_is_a_place_to_go_back_to(target, kept):
    assert safe_next(target) == kept
