// Live panels poll with htmx (hx-trigger="every Ns"). Each answer says how often to poll
// (header Juntos-Poll-Seconds); the server lengthens it under load, and this skips the
// polls that come sooner. An unchanged panel answers 304, which the browser turns back
// into the fragment it already has.
(function () {
  var next = {};
  function polled(elt) {
    var trigger = elt && elt.id && elt.getAttribute("hx-trigger");
    return trigger && trigger.indexOf("every") === 0;
  }
  document.addEventListener("htmx:beforeRequest", function (e) {
    var elt = e.detail.elt;
    // A part asked for by an event (its own ballot just recorded), not by its timer, goes.
    var cause = e.detail.requestConfig && e.detail.requestConfig.triggeringEvent;
    if (cause && cause.type === "ballot-recorded") return;
    if (polled(elt) && next[elt.id] && Date.now() < next[elt.id]) e.preventDefault();
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var elt = e.detail.elt;
    var xhr = e.detail.xhr;
    var seconds = xhr ? parseFloat(xhr.getResponseHeader("Juntos-Poll-Seconds")) : NaN;
    if (polled(elt) && seconds > 0) next[elt.id] = Date.now() + seconds * 1000 - 500;
  });
})();
