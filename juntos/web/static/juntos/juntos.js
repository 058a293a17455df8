/* Small behaviours without inline handlers, so the Content-Security-Policy can refuse
   every inline script: [data-print] prints the page, [data-select] selects its text. */
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
    return;
  }
  var field = target.closest("[data-select]");
  if (field && typeof field.select === "function") field.select();
});

/* Live regions that say only what changed. A polled panel is swapped whole (htmx), so it
   is not itself aria-live; it names a stable status line outside it (data-announce, an
   id) and carries its summary sentence (data-sentence). The line starts silent and gets
   the sentence, politely, each time the sentence differs from the last one seen. */
(function () {
  function announce() {
    var panels = document.querySelectorAll("[data-announce]");
    for (var i = 0; i < panels.length; i++) {
      var region = document.getElementById(panels[i].getAttribute("data-announce"));
      var sentence = (panels[i].getAttribute("data-sentence") || "").trim();
      if (!region) continue;
      if (region.dataset.said === undefined) {
        region.dataset.said = sentence;
      } else if (region.dataset.said !== sentence) {
        region.dataset.said = sentence;
        region.textContent = sentence;
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", announce);
  } else {
    announce();
  }
  document.addEventListener("htmx:afterSettle", announce);
})();
