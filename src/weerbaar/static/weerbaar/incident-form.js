/* Weerbaar incident form, progressive enhancement only: a question that matters for some acts (what was
   threatened, a demand, one perpetrator or a group, serious injury, the last act of a series) is shown once one
   of those acts is ticked. Without JavaScript every question is shown, each with a hint saying when it matters.
   A hidden question is also disabled, so an old answer in it is not sent along (the rule set drops it too). */
(function () {
  "use strict";
  var groups = document.querySelectorAll("[data-weerbaar-show-for-acts]");
  var acts = document.querySelectorAll('input[type="checkbox"][name="acts"]');
  if (!groups.length || !acts.length) { return; }
  function update() {
    var chosen = [];
    for (var i = 0; i < acts.length; i++) { if (acts[i].checked) { chosen.push(acts[i].value); } }
    for (var j = 0; j < groups.length; j++) {
      var wanted = groups[j].getAttribute("data-weerbaar-show-for-acts").split(" ");
      var show = false;
      for (var k = 0; k < wanted.length; k++) { if (chosen.indexOf(wanted[k]) !== -1) { show = true; } }
      groups[j].hidden = !show;
      var controls = groups[j].querySelectorAll("select, input");
      for (var m = 0; m < controls.length; m++) { controls[m].disabled = !show; }
    }
  }
  for (var n = 0; n < acts.length; n++) { acts[n].addEventListener("change", update); }
  update();
})();

/* Quick choices for a date: "Vandaag" and "Gisteren" beside each date input that carries the days (set by the
   form, in Europe/Amsterdam). Without JavaScript the date is typed or picked; a date after today is refused
   with a message naming the field. */
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-weerbaar-today]");
  for (var i = 0; i < inputs.length; i++) {
    (function (input) {
      var group = document.createElement("div");
      group.className = "weerbaar-quick-dates";
      group.setAttribute("role", "group");
      var label = document.querySelector('label[for="' + input.id + '"]');
      if (label) { group.setAttribute("aria-label", label.textContent.replace(/\s+/g, " ").trim()); }
      [["today", "data-weerbaar-today-label"], ["yesterday", "data-weerbaar-yesterday-label"]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "utrecht-button utrecht-button--secondary-action weerbaar-quick-dates__button";
        button.textContent = input.getAttribute(pair[1]);
        button.setAttribute("data-weerbaar-quick-date", pair[0]);
        button.addEventListener("click", function () {
          input.value = input.getAttribute("data-weerbaar-" + pair[0]);
          input.dispatchEvent(new Event("change", { bubbles: true }));
          input.focus();
        });
        group.appendChild(button);
      });
      input.parentNode.appendChild(group);
    })(inputs[i]);
  }
})();
