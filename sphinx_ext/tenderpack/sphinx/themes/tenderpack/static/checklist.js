/* tenderpack checklist: tick off connection steps; the ticks stay in this browser.
 *
 * Without JavaScript the checklist is complete as it is: every step, owner and date is in
 * the HTML. This script only adds a checkbox to each step (li.tp-step with an id) and
 * remembers which ones are ticked in localStorage under "tenderpack-step:<id>". Nothing is
 * sent anywhere and no cookie is set. When storage is unavailable (blocked, private mode)
 * the boxes still work for as long as the page is open.
 */
(function () {
  "use strict";

  var PREFIX = "tenderpack-step:";
  var WORDS = {
    nl: "Vink een stap aan als die klaar is. Uw vinkjes worden alleen in deze browser " +
      "bewaard (localStorage), niet in een cookie, en niet verstuurd.",
    en: "Tick a step when it is done. Your ticks are kept in this browser only " +
      "(localStorage), not in a cookie, and are not sent anywhere."
  };

  function storage() {
    try {
      var store = window.localStorage;
      store.setItem(PREFIX + "test", "1");
      store.removeItem(PREFIX + "test");
      return store;
    } catch (error) {
      return null;
    }
  }

  function language(element) {
    var holder = element.closest("[lang]");
    var lang = holder ? holder.getAttribute("lang").toLowerCase() : "nl";
    return lang.indexOf("en") === 0 ? "en" : "nl";
  }

  function addCheckbox(step, store) {
    var title = step.querySelector("strong");
    if (!title || step.querySelector("input.tp-tick-box")) {
      return;
    }
    var key = PREFIX + step.id;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "tp-tick-box";
    box.id = "tick-" + step.id;
    box.checked = store !== null && store.getItem(key) === "1";
    // The step's title is the checkbox's label: a click on it ticks the step too.
    var label = document.createElement("label");
    label.className = "tp-tick";
    label.htmlFor = box.id;
    title.parentNode.insertBefore(label, title);
    label.appendChild(box);
    label.appendChild(title);
    step.classList.toggle("tp-done", box.checked);
    box.addEventListener("change", function () {
      step.classList.toggle("tp-done", box.checked);
      if (store === null) {
        return;
      }
      try {
        if (box.checked) {
          store.setItem(key, "1");
        } else {
          store.removeItem(key);
        }
      } catch (error) {
        /* storage full or blocked meanwhile: the tick stays on this page only */
      }
    });
  }

  function init() {
    var steps = document.querySelectorAll("li.tp-step[id]");
    if (steps.length === 0) {
      return;
    }
    var store = storage();
    var hint = document.createElement("p");
    hint.className = "tp-tick-hint";
    hint.textContent = WORDS[language(steps[0])];
    var first = steps[0].closest(".tp-phase") || steps[0].parentNode;
    first.parentNode.insertBefore(hint, first);
    for (var i = 0; i < steps.length; i++) {
      addCheckbox(steps[i], store);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
