// Rapport page behaviours. No framework, no inline script, no eval (CSP: script-src 'self').
(function () {
  "use strict";

  // True when the keystroke belongs to something the user is typing in.
  function isTyping(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    if (el.tagName !== "INPUT") return false;
    return !/^(button|submit|reset|checkbox|radio|file|image|range|color)$/i.test(el.type);
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.isComposing) return;

    // Ctrl+Enter (Cmd+Enter on a Mac) in a form submits that form, with its validation
    // and submit handlers (requestSubmit). On a button, Enter already does the job.
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey) {
      var t = e.target;
      var form = t && (t.form || (t.closest && t.closest("form")));
      if (!form || t.tagName === "BUTTON" || e.repeat) return;
      // A status form has no one submit: its status buttons are the choice.
      if (form.hasAttribute("data-status-keys")) return;
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
      return;
    }

    // "/" focuses the global search box (#global-search) unless the user is typing.
    // Shift is allowed: on an AZERTY keyboard "/" is Shift+":".
    if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
      var search = document.getElementById("global-search");
      if (!search) return;
      e.preventDefault();
      search.focus();
      if (search.select) search.select();
      return;
    }

    var plain = !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;

    // "n" opens the next call (the header's link) unless the user is typing.
    if (e.key === "n" && plain && !e.repeat && !isTyping(e.target)) {
      var next = document.getElementById("next-call");
      if (!next) return;
      e.preventDefault();
      next.click();
      return;
    }

    // On a contacting page, 1–6 press the status button showing that key: the
    // top row (by position, so AZERTY works with or without Shift) or the keypad.
    var digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || "");
    digit = digit ? digit[1] : (/^[1-9]$/.test(e.key) ? e.key : null);
    if (digit && !e.ctrlKey && !e.metaKey && !e.altKey && !e.repeat && !isTyping(e.target)) {
      var button = document.querySelector('form[data-status-keys] button[data-key="' + digit + '"]');
      if (!button || button.disabled) return;
      e.preventDefault();
      button.click();
      return;
    }

    // Enter in a field of the status form sets no status: a status button does.
    if (e.key === "Enter" && e.target.tagName === "INPUT" && e.target.closest &&
        e.target.closest("form[data-status-keys]")) {
      e.preventDefault();
      return;
    }

    // Escape in a text field leaves it, so n, / and the status keys work
    // again (the search box first closes its suggestions, below).
    if (e.key === "Escape" && isTyping(e.target) && e.target.id !== "global-search") {
      e.target.blur();
    }
  });

  // Each error of a summary names its field and links to it: the link's
  // target is the field (by id, else by name), the name is its label (or its
  // group's legend). An error whose field is not on the page keeps its text
  // without a link, never a link to nothing.
  function nameSummaryErrors(root) {
    var s = root.id === "error-summary" ? root : root.querySelector && root.querySelector("#error-summary");
    if (!s || s.dataset.named) return;
    s.dataset.named = "1";
    Array.prototype.forEach.call(s.querySelectorAll('a[href^="#"]'), function (a) {
      var name = decodeURIComponent(a.getAttribute("href").slice(1));
      var field = name && (document.getElementById(name) ||
        document.querySelector('[name="' + name.replace(/["\\]/g, "") + '"]'));
      if (!field) {
        var span = document.createElement("span");
        span.textContent = a.textContent;
        a.replaceWith(span);
        return;
      }
      if (!field.id) field.id = "field-" + name.replace(/[^A-Za-z0-9_-]/g, "-");
      a.setAttribute("href", "#" + field.id);
      var label = field.id && document.querySelector('label[for="' + field.id + '"]');
      var legend = !label && field.closest && field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
      var source = label || legend;
      if (!source) return;
      var copy = source.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll(".req, .hint, input, select, textarea"), function (el) { el.remove(); });
      var title = copy.textContent.replace(/\s+/g, " ").trim();
      if (!title || a.textContent.indexOf(title) === 0) return;
      var strong = document.createElement("strong");
      strong.textContent = title;
      // French puts a space before the colon, as the catalog does.
      var colon = document.documentElement.lang === "fr" ? "\u202f: " : ": ";
      a.insertBefore(document.createTextNode(colon), a.firstChild);
      a.insertBefore(strong, a.firstChild);
    });
  }

  // When a page (or an htmx swap) brings an error summary, move focus to it so screen
  // readers announce it first and Tab continues to its links to the fields.
  function focusErrorSummary(root) {
    var s = root.id === "error-summary" ? root : root.querySelector("#error-summary");
    if (!s || document.activeElement === s) return;
    if (!s.hasAttribute("tabindex")) s.setAttribute("tabindex", "-1");
    s.focus();
  }

  // .link-button is meant to be a real <button> and so keyboard-reachable already.
  // Safety net: anything else given that class becomes focusable and acts on Enter/Space.
  function fixLinkButtons(root) {
    root.querySelectorAll(".link-button:not(button):not(a[href])").forEach(function (el) {
      if (el.dataset.linkButton) return;
      el.dataset.linkButton = "1";
      el.setAttribute("role", "button");
      if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
      el.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); el.click(); }
      });
    });
  }

  // <div class="progress" aria-valuenow aria-valuemax><div class="progress-bar">: inline
  // styles are forbidden by the CSP, so set the bar's width here (a <progress> needs nothing).
  function syncProgress(root) {
    var list = root.matches && root.matches(".progress") ? [root] : root.querySelectorAll(".progress");
    Array.prototype.forEach.call(list, function (p) {
      var bar = p.querySelector(".progress-bar");
      var now = parseFloat(p.getAttribute("aria-valuenow"));
      var max = parseFloat(p.getAttribute("aria-valuemax")) || 100;
      if (bar && !isNaN(now)) bar.style.width = Math.max(0, Math.min(100, (now / max) * 100)) + "%";
    });
  }

  // After a status is set, the outcome is announced and has the focus.
  function focusOutcome(root) {
    var o = root.id === "status-outcome" ? root : root.querySelector && root.querySelector("#status-outcome");
    if (o && !root.querySelector("#error-summary")) o.focus();
  }

  // A final status (done, done without order, cancelled) closes the call for
  // good: its button (or key) asks to be pressed again within a few seconds.
  var armed = null, armedTimer = null;
  function disarm() {
    if (armedTimer) clearTimeout(armedTimer);
    armedTimer = null;
    if (armed) armed.classList.remove("confirming");
    armed = null;
    var box = document.getElementById("confirm-final");
    if (box) { box.hidden = true; box.textContent = ""; }
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("form[data-status-keys] button[data-confirm]");
    if (!button) { if (armed && !(e.target.closest && e.target.closest("form[data-status-keys]"))) disarm(); return; }
    if (armed === button) { disarm(); return; }  // the second press: let it submit
    e.preventDefault();
    disarm();
    armed = button;
    button.classList.add("confirming");
    var box = document.getElementById("confirm-final");
    if (box) { box.textContent = button.getAttribute("data-confirm"); box.hidden = false; }
    armedTimer = setTimeout(disarm, 5000);
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && armed) { e.preventDefault(); disarm(); }
  });

  // What a CSR types in a note (textarea[data-draft]) is kept in this
  // browser until the server took it, so an ended session or a lost
  // connection loses nothing: back on the page, the text is there again.
  function draftKey(field) { return "rapport.draft:" + location.pathname + "#" + field.id; }
  function keepDrafts(root) {
    var fields = root.matches && root.matches("textarea[data-draft]") ? [root] : root.querySelectorAll("textarea[data-draft]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.dataset.draftBound) return;
      field.dataset.draftBound = "1";
      var kept = null;
      try { kept = localStorage.getItem(draftKey(field)); } catch (err) { kept = null; }
      if (kept && !field.value) {
        field.value = kept;
        var note = document.createElement("p");
        note.className = "hint draft-restored";
        note.setAttribute("data-testid", "draft-restored");
        note.textContent = document.body.getAttribute("data-draft-restored");
        field.insertAdjacentElement("afterend", note);
        // A draft in a folded part of the page is shown, not left hidden.
        var fold = field.closest("details");
        if (fold) fold.open = true;
      }
      field.addEventListener("input", function () {
        try {
          if (field.value.trim()) localStorage.setItem(draftKey(field), field.value);
          else localStorage.removeItem(draftKey(field));
        } catch (err) { /* storage full or disabled: nothing to keep */ }
      });
    });
  }
  function dropDrafts(form) {
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-draft]"), function (field) {
      try { localStorage.removeItem(draftKey(field)); } catch (err) { /* nothing kept */ }
    });
  }

  function enhance(root) {
    keepDrafts(root);
    nameSummaryErrors(root);
    focusErrorSummary(root);
    focusOutcome(root);
    fixLinkButtons(root);
    syncProgress(root);
  }

  enhance(document.body);
  // The home page: the search box has the focus, so a CSR types the caller's
  // name or number straight away.
  if (document.querySelector("[data-focus-search]")) {
    var box = document.getElementById("global-search");
    if (box) box.focus();
  }
  // A form posted by htmx (a call, a note) is cleared once the server took it
  // (a 2xx answer): after an error the CSR's text stays to be corrected.
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    // A filter (hx-get) keeps what the user chose. A log-in asked for
    // (HX-Redirect) is not a save: the draft stays.
    var redirected = e.detail.xhr && e.detail.xhr.getResponseHeader("HX-Redirect");
    if (form && form.tagName === "FORM" && status >= 200 && status < 300 && !form.hasAttribute("hx-get") && !redirected) {
      dropDrafts(form);
      form.reset();
    }
  });

  // htmx does not swap 4xx and 5xx answers by default, so a refused note
  // would show nothing. A fragment (the form or list with its errors) is
  // swapped like a success; a whole page (an error page, the log-in page)
  // and a failed connection become an alert at the top of the page.
  function showRequestError(message) {
    var main = document.getElementById("main");
    if (!main) return;
    var alert = document.getElementById("request-error");
    if (!alert) {
      alert = document.createElement("div");
      alert.id = "request-error";
      alert.className = "alert alert-error";
      alert.setAttribute("role", "alert");
      alert.setAttribute("tabindex", "-1");
      alert.setAttribute("data-testid", "request-error");
      main.insertBefore(alert, main.firstChild);
    }
    alert.textContent = message;
    alert.focus();
  }
  function pageMessage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var parts = [];
    doc.querySelectorAll("main h1, main .error-page p:not(.error-status):not(:last-child), main [role=alert]")
      .forEach(function (el) { var s = el.textContent.trim(); if (s) parts.push(s); });
    return parts.join(" — ");
  }
  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    // Saved: the drafts go before the answer's form (swapped in) looks for them.
    var elt = e.detail.requestConfig && e.detail.requestConfig.elt;
    if (status >= 200 && status < 300 && elt && elt.tagName === "FORM" && !e.detail.xhr.getResponseHeader("HX-Redirect"))
      dropDrafts(elt);
    if (status < 400) return;
    var text = e.detail.xhr.responseText || "";
    if (status < 500 && !/^\s*<!DOCTYPE/i.test(text)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
      return;
    }
    e.detail.shouldSwap = false;
    showRequestError(pageMessage(text) || document.body.getAttribute("data-request-failed"));
  });
  document.addEventListener("htmx:sendError", function () {
    showRequestError(document.body.getAttribute("data-request-failed"));
  });
  document.addEventListener("htmx:afterSwap", function () {
    var alert = document.getElementById("request-error");
    if (alert) alert.remove();
  });

  // Enter in the header's search opens the best match (the form's action).
  // Down and Up move through the suggestions and back to the box; Escape
  // closes them, and a second Escape leaves the box.
  document.addEventListener("keydown", function (e) {
    var search = document.getElementById("global-search");
    var box = document.getElementById("search-suggestions");
    if (!search || !box) return;
    var inBox = e.target === search, inList = box.contains(e.target);
    if (!inBox && !inList) return;
    if (e.key === "Escape") {
      if (box.innerHTML.trim()) {
        box.innerHTML = "";
        search.focus();
      } else {
        search.blur();
      }
      e.preventDefault();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(box.querySelectorAll("a[href]"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = e.key === "ArrowDown" ? at + 1 : at - 1;
    e.preventDefault();
    if (next < 0) search.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });

  // A CSV import sends the file itself as the request body (no multipart),
  // then goes to the job's page the server answers with.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute("data-raw-upload")) return;
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files.length) return;
    e.preventDefault();
    // The form's other choices (skip bad rows, a price list…) go in the query.
    var params = new URLSearchParams();
    form.querySelectorAll("input[name]:not([type=file]):not([name=_csrf]), select[name]").forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.value !== "") params.append(el.name, el.value);
    });
    // A document (data-raw-upload="file") goes with its own type and name.
    var asFile = form.getAttribute("data-raw-upload") === "file";
    if (asFile) params.append("file_name", input.files[0].name);
    var query = params.toString();
    var url = form.action + (query ? "?" + query : "");
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    fetch(url, {
      method: "POST",
      body: input.files[0],
      headers: { "Content-Type": asFile ? (input.files[0].type || "application/octet-stream") : "text/csv", "X-CSRF-Token": form.querySelector("input[name=_csrf]").value },
      credentials: "same-origin"
    }).then(function (res) {
      if (res.redirected) { window.location = res.url; return; }
      return res.text().then(function (html) { document.open(); document.write(html); document.close(); });
    }).catch(function () { if (button) button.disabled = false; });
  });

  // A form that undoes work (cancel an order, complete a whole queue) asks
  // first; without script it is sent as it is.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-confirm]")) return;
    if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
  });

  // A live view (data-live: the supervisor's day) polls while the tab is
  // seen: a hidden tab skips its refreshes and catches up when shown again.
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (document.hidden && e.detail.elt && e.detail.elt.hasAttribute("data-live")) e.preventDefault();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) return;
    document.querySelectorAll("[data-live]").forEach(function (el) { htmx.trigger(el, "rapport:shown"); });
  });

  // htmx fires htmx:load on every piece of content it swaps in.
  document.addEventListener("htmx:load", function (e) { enhance(e.target); });
})();
