// Clienting Portal behaviour: keyboard lookup (type, arrows, Enter) and privacy mode.
// Everything here enhances pages that already work without JavaScript.
(function () {
  "use strict";

  function options(list) {
    return list ? Array.from(list.querySelectorAll("[role=option] a")) : [];
  }

  function setActive(input, list, index) {
    const items = options(list);
    items.forEach((a, i) => a.parentElement.classList.toggle("active", i === index));
    input.dataset.active = String(index);
    const current = items[index];
    if (current) {
      input.setAttribute("aria-activedescendant", current.parentElement.id);
      current.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  document.addEventListener("keydown", function (event) {
    const input = event.target.closest && event.target.closest("[data-lookup]");
    if (input) {
      const list = document.getElementById("lookup-list");
      const items = options(list);
      let index = Number(input.dataset.active || -1);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        index = event.key === "ArrowDown" ? Math.min(index + 1, items.length - 1) : Math.max(index - 1, 0);
        setActive(input, list, index);
      } else if (event.key === "Enter" && items[index]) {
        event.preventDefault();
        items[index].click();
      } else if (event.key === "Escape" && list) {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
      return;
    }
    if (event.altKey && (event.key === "p" || event.key === "P")) {
      event.preventDefault();
      togglePrivacy();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const list = document.getElementById("lookup-list");
    const input = document.querySelector("[data-lookup]");
    if (!list || !input || event.detail.target.id !== "lookup-list") return;
    list.hidden = false;
    input.setAttribute("aria-expanded", options(list).length ? "true" : "false");
    setActive(input, list, options(list).length ? 0 : -1);
  });

  // Privacy mode hides value, risk and notes while the customer can see the screen.
  function applyPrivacy(on) {
    document.body.classList.toggle("privacy", on);
    document.querySelectorAll("[data-privacy-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function togglePrivacy() {
    const on = !document.body.classList.contains("privacy");
    sessionStorage.setItem("portal-privacy", on ? "1" : "0");
    applyPrivacy(on);
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-privacy-toggle]")) togglePrivacy();
  });

  // A refused form: htmx has focused the first wrong field ([autofocus]); bring the
  // summary above it on screen too when both fit, so the employee reads what to fix.
  function showErrors(root) {
    const summary = root.querySelector && root.querySelector(".error-summary");
    const field = document.activeElement;
    if (!summary || !field || field === document.body) return;
    const top = summary.getBoundingClientRect().top;
    const bottom = field.getBoundingClientRect().bottom;
    if (bottom - top < window.innerHeight - 16) {
      if (top < 0 || bottom > window.innerHeight) window.scrollBy(0, top - 8);
    } else {
      field.scrollIntoView({ block: "center" });
    }
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    showErrors(event.detail.elt);
  });
  document.addEventListener("DOMContentLoaded", function () {
    showErrors(document);
  });

  // A line of an error summary leads to its field and puts the cursor in it.
  document.addEventListener("click", function (event) {
    const link = event.target.closest(".error-summary a[href^='#']");
    const field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
  });

  // A button that cannot be undone asks first: <button data-confirm="Question?">.
  document.addEventListener("submit", function (event) {
    const button = event.submitter;
    const question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  function restore() {
    applyPrivacy(sessionStorage.getItem("portal-privacy") === "1");
  }
  document.addEventListener("DOMContentLoaded", restore);
  document.addEventListener("htmx:load", restore);
})();
