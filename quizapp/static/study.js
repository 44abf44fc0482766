// Study mode keys, like Anki: Space shows the answer, 1-4 rate (Again, Hard, Good, Easy).
// Progressive enhancement: without this script the same form works by posting.
(function () {
  "use strict";
  var form = document.getElementById("study-form");
  if (!form) {
    return;
  }
  var back = document.getElementById("card-back");
  var ratings = document.getElementById("ratings");
  var flipActions = document.getElementById("flip-actions");
  var showAnswer = document.getElementById("show-answer");
  var sent = false;

  function isFlipped() {
    return !back.hidden;
  }

  function flip() {
    back.hidden = false;
    ratings.hidden = false;
    flipActions.hidden = true;
    back.focus();
  }

  function rate(value) {
    var button = form.querySelector('button[name="rating"][value="' + value + '"]');
    if (!button || sent) {
      return;
    }
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  showAnswer.addEventListener("click", function (event) {
    event.preventDefault();
    flip();
  });

  // One rating per card: a second key press or click while the page loads is dropped.
  form.addEventListener("submit", function (event) {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.key === " " || event.key === "Spacebar") {
      event.preventDefault();
      if (!isFlipped()) {
        flip();
      }
    } else if (/^[1-4]$/.test(event.key) && isFlipped()) {
      event.preventDefault();
      rate(event.key);
    }
  });
})();
