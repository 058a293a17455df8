/* The kiosk at the door: one signature after another, through a short network drop.
 *
 * Each signature gets a client id when the form is shown. Submitting tries the server
 * for a few seconds; if the network is down the signature is kept in localStorage and
 * sent again every few seconds, and the next person can sign at once. The server keeps
 * one signature per client id, so a retry or a double tap never signs twice.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-kiosk]");
  if (!form || !window.fetch || !window.localStorage) return;
  var KEY = "juntos-kiosk:" + form.dataset.queue;
  var text = JSON.parse(document.getElementById("kiosk-text").textContent);
  var thanks = document.getElementById("kiosk-thanks");
  var errorBox = document.getElementById("kiosk-error");
  var pending = document.getElementById("kiosk-pending");
  var button = form.querySelector("button[type=submit]");
  var busy = false, flushing = false, hideTimer = null;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    showPending(queue.length);
  }
  function showPending(n) {
    pending.hidden = n === 0;
    pending.querySelector("span").textContent = String(n);
  }
  function newId() {
    var id = window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    return id.replace(/[^A-Za-z0-9_-]/g, "");
  }
  function fields() {
    var out = {};
    new FormData(form).forEach(function (value, key) { out[key] = value; });
    return out;
  }
  function send(item, timeout) {
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, timeout);
    return fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(item),
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
      signal: ctrl.signal
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        return { status: r.status, data: data };
      });
    }).catch(function () {
      return { status: 0, data: {} };
    }).finally(function () { clearTimeout(timer); });
  }
  function retryable(status) { return status === 0 || status === 408 || status === 429 || status >= 500; }

  function clearErrors() {
    errorBox.hidden = true;
    form.querySelectorAll(".field.has-error").forEach(function (f) { f.classList.remove("has-error"); });
    form.querySelectorAll(".errorlist.js").forEach(function (e) { e.remove(); });
  }
  function showErrors(errors) {
    errorBox.textContent = text.error;
    errorBox.hidden = false;
    Object.keys(errors || {}).forEach(function (name) {
      var field = document.getElementById("field-" + name);
      var list = document.createElement("ul");
      list.className = "errorlist js";
      errors[name].forEach(function (e) {
        var li = document.createElement("li");
        li.textContent = e.message;
        list.appendChild(li);
      });
      if (field) { field.classList.add("has-error"); field.appendChild(list); }
      else { errorBox.appendChild(list); }
    });
  }
  // "Your representative is ...": looked up as the ZIP is typed; nothing is stored.
  var rep = document.getElementById("kiosk-representative");
  var zipInput = form.elements.zip_code;
  var lastZip = "";
  function lookUp() {
    if (!rep || !zipInput) return;
    var zip = zipInput.value.replace(/[^0-9]/g, "").slice(0, 5);
    if (zip === lastZip) return;
    lastZip = zip;
    if (zip.length !== 5) { rep.innerHTML = ""; return; }
    fetch(rep.dataset.url + "?zip_code=" + zip, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (zip === lastZip) rep.innerHTML = html; })
      .catch(function () {});
  }
  if (zipInput) zipInput.addEventListener("input", lookUp);

  function next(saved, postcardTo) {
    form.reset();
    lastZip = "";
    if (rep) rep.innerHTML = "";
    var sent = thanks.querySelector("[data-postcard]");
    if (sent) {
      sent.hidden = !(postcardTo && postcardTo.length);
      sent.querySelector("span").textContent = (postcardTo || []).join(", ");
    }
    form.elements.client_id.value = newId();
    thanks.hidden = false;
    thanks.querySelector("[data-saved]").hidden = !saved;
    thanks.querySelector("[data-next]").hidden = saved;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { thanks.hidden = true; }, saved ? 6000 : 3000);
    window.scrollTo(0, 0);
    form.elements.name.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;  // a double tap while the first is on its way
    clearErrors();
    var item = fields();
    busy = true;
    button.disabled = true;
    send(item, 4000).then(function (result) {
      if (result.status === 200 || result.status === 201) {
        next(false, result.data.postcard_to);
      } else if (result.status === 400) {
        showErrors(result.data.errors);
      } else if (retryable(result.status)) {
        var queue = load();
        if (!queue.some(function (q) { return q.client_id === item.client_id; })) queue.push(item);
        save(queue);
        next(true);
      } else {
        errorBox.textContent = text.locked;
        errorBox.hidden = false;
      }
    }).finally(function () {
      busy = false;
      button.disabled = false;
    });
  });

  function flush() {
    if (flushing) return;
    var queue = load();
    if (!queue.length) return;
    flushing = true;
    var item = queue[0];
    send(item, 8000).then(function (result) {
      if (retryable(result.status)) return false;
      // Sent (or refused for good): take it off the queue, then try the next one.
      save(load().filter(function (q) { return q.client_id !== item.client_id; }));
      return true;
    }).then(function (again) {
      flushing = false;
      if (again) flush();
    });
  }
  showPending(load().length);
  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  flush();
})();
