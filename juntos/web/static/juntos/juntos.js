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

/* Pickers that choose several ([data-pick-multiple], core.forms.SearchInput): choosing a
   suggestion ("Lucía Hernández (#42)") adds a checked checkbox named like the box, with
   the name, to the list it names, and empties the box. Unchecking it removes the person.
   Without script the box posts what was typed and the server finds the name. */
(function () {
  var PICKED = /\(#(\d+)\)\s*$/;
  function choose(box) {
    var picker = box.closest("[data-pick-multiple]");
    var found = PICKED.exec(box.value || "");
    if (!picker || !found) return;
    var chosen = document.getElementById(picker.getAttribute("data-pick-multiple"));
    if (!chosen) return;
    var id = found[1];
    var label = box.value.replace(PICKED, "").trim();
    var options = box.list ? box.list.options : [];
    for (var i = 0; i < options.length; i++) {
      if (options[i].value === box.value) {
        label = (options[i].textContent || label).trim();
        break;
      }
    }
    var boxes = chosen.querySelectorAll("input[type=checkbox]");
    var present = null;
    for (var j = 0; j < boxes.length; j++) {
      if (boxes[j].value === id) present = boxes[j];
    }
    if (present) {
      present.checked = true;
    } else {
      var item = document.createElement("li");
      var wrap = document.createElement("label");
      var check = document.createElement("input");
      check.type = "checkbox";
      check.name = box.name;
      check.value = id;
      check.checked = true;
      wrap.appendChild(check);
      wrap.appendChild(document.createTextNode(" " + label));
      item.appendChild(wrap);
      chosen.appendChild(item);
    }
    box.value = "";
  }
  function onPick(event) {
    var box = event.target;
    if (box instanceof HTMLInputElement && box.closest("[data-pick-multiple]") && box.type === "text") {
      choose(box);
    }
  }
  document.addEventListener("input", onPick);
  document.addEventListener("change", onPick);
  /* Enter in the box chooses a suggestion typed out in full rather than sending the form. */
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || !(box instanceof HTMLInputElement)) return;
    if (box.closest("[data-pick-multiple]") && PICKED.test(box.value || "")) {
      event.preventDefault();
      choose(box);
    }
  });
})();
