/* "Wat kan ik doen?", progressive enhancement only: show a follow-up question (what was threatened, the last
   act of a series, a group, serious injury) as soon as one of its acts is ticked, so everything is answered in
   one go. A hidden follow-up is a disabled fieldset, so an old answer in it is not sent along. Without
   JavaScript the wizard asks the follow-ups the chosen acts need on a page of their own. */
(function () {
  "use strict";
  var groups = document.querySelectorAll("[data-weerbaar-acts]");
  var acts = document.querySelectorAll('input[type="checkbox"][name="acts"]');
  if (!groups.length || !acts.length) { return; }
  function update() {
    var chosen = {};
    for (var i = 0; i < acts.length; i++) { if (acts[i].checked) { chosen[acts[i].value] = true; } }
    for (var j = 0; j < groups.length; j++) {
      var wanted = groups[j].getAttribute("data-weerbaar-acts").split(" ");
      var show = false;
      for (var k = 0; k < wanted.length; k++) { if (chosen[wanted[k]]) { show = true; } }
      groups[j].hidden = !show;
      groups[j].disabled = !show;
    }
  }
  for (var n = 0; n < acts.length; n++) { acts[n].addEventListener("change", update); }
  update();
})();
