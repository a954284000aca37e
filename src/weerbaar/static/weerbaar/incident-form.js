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
