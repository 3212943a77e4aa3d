// Clienting Portal behaviour: keyboard lookup (type, arrows, Enter) and privacy mode.
// Everything here enhances pages that already work without JavaScript.
(function () {
  "use strict";

  // The lookup is an ARIA combobox: the input keeps the focus, one option at a time is
  // active (aria-activedescendant, aria-selected), and the mouse and the arrows move
  // the same active option. Options are not links: Enter or a click opens the card.
  function options(list) {
    return list && !list.hidden ? Array.from(list.querySelectorAll("[role=option]")) : [];
  }

  function lookupInput() {
    return document.querySelector("[data-lookup]");
  }

  function setActive(input, list, index, scroll) {
    const items = options(list);
    items.forEach(function (o, i) {
      o.classList.toggle("active", i === index);
      o.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    input.dataset.active = String(index);
    const current = items[index];
    if (current) {
      input.setAttribute("aria-activedescendant", current.id);
      if (scroll) current.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function closeList() {
    const list = document.getElementById("lookup-list");
    const input = lookupInput();
    // The full results page's own list (links) is the page, not a popup: never hidden.
    if (!list || !input || list.hidden) return false;
    if (!list.closest(".topbar") && !list.querySelector("[role=listbox]")) return false;
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(input, list, -1, false);
    return true;
  }

  function openOption(option) {
    if (option && option.dataset.href) window.location.assign(option.dataset.href);
  }

  document.addEventListener("keydown", function (event) {
    // Alt+P works wherever the focus is, the search box included.
    if (event.altKey && (event.key === "p" || event.key === "P")) {
      event.preventDefault();
      togglePrivacy();
      return;
    }
    const input = event.target.closest && event.target.closest("[data-lookup]");
    if (input) {
      const list = document.getElementById("lookup-list");
      const items = options(list);
      let index = Number(input.dataset.active || -1);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        index = event.key === "ArrowDown" ? Math.min(index + 1, items.length - 1) : Math.max(index - 1, 0);
        setActive(input, list, index, true);
      } else if (event.key === "Enter" && items[index]) {
        event.preventDefault();
        openOption(items[index]);
      } else if (event.key === "Escape") {
        // First Escape closes the list, a second clears the box.
        event.preventDefault();
        if (!closeList()) input.value = "";
      }
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const list = document.getElementById("lookup-list");
    const input = lookupInput();
    if (!list || !input || event.detail.target.id !== "lookup-list") return;
    // An answer arriving after the employee left the box stays closed.
    list.hidden = document.activeElement !== input;
    const count = options(list).length;
    input.setAttribute("aria-expanded", count ? "true" : "false");
    setActive(input, list, count ? 0 : -1, false);
  });

  // The pointer makes the option under it the active one (never two highlighted).
  document.addEventListener("mousemove", function (event) {
    const option = event.target.closest && event.target.closest("#lookup-list [role=option]");
    const input = lookupInput();
    if (!option || !input || option.classList.contains("active")) return;
    const list = document.getElementById("lookup-list");
    setActive(input, list, options(list).indexOf(option), false);
  });

  // Pressing an option must not take the focus from the box (that would close the list).
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("#lookup-list [role=option]")) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    const option = event.target.closest("#lookup-list [role=option]");
    if (option) {
      openOption(option);
    } else if (!event.target.closest("#lookup") && !event.target.closest("#lookup-list")) {
      closeList();
    }
  });

  // Tab (or any move of the focus) out of the box and its list closes the list.
  document.addEventListener("focusout", function (event) {
    if (!event.target.closest || !event.target.closest("[data-lookup]")) return;
    const next = event.relatedTarget;
    const list = document.getElementById("lookup-list");
    if (!next || !list || !list.contains(next)) closeList();
  });

  // Privacy mode hides what a customer looking at the screen should not read. The
  // server keeps it for the session (a plain form, which works without JavaScript);
  // here the same form is sent in the background, so the page need not reload.
  function applyPrivacy(on) {
    document.body.classList.toggle("privacy", on);
    document.querySelectorAll("[data-privacy-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function togglePrivacy() {
    const form = document.querySelector("[data-privacy-form]");
    if (!form) return;
    applyPrivacy(!document.body.classList.contains("privacy"));
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    });
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches("[data-privacy-form]")) {
      event.preventDefault();
      event.stopPropagation(); // not boosted by htmx either
      togglePrivacy();
    }
  }, true);

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

  // A save refused because the database was busy (503 `portal:busy`; htmx swapped
  // nothing, so the form still holds what was typed): say so just above the form, where
  // the eye is, and let its own button send it again.
  document.addEventListener("portal:busy", function (event) {
    const form = event.target.closest("form") || event.target;
    let note = form.previousElementSibling;
    if (!note || !note.classList.contains("busy-note")) {
      note = document.createElement("p");
      note.className = "flash flash-error busy-note";
      note.setAttribute("role", "alert");
      form.parentNode.insertBefore(note, form);
    }
    note.textContent = event.detail.message;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) return;
    const form = event.detail.elt.closest && event.detail.elt.closest("form");
    const note = form && form.previousElementSibling;
    if (note && note.classList.contains("busy-note")) note.remove();
  });

  // A button that cannot be undone asks first: <button data-confirm="Question?">.
  document.addEventListener("submit", function (event) {
    const button = event.submitter;
    const question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

})();
