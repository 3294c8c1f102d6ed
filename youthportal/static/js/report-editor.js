// Progressive enhancement for the section editor; the page works fully without it.
// 1. Warns early when someone else saves the section (polls a small JSON address).
// 2. Keeps the unsaved text in this browser's local storage, for this person only, put back
//    after a crash or a closed tab, and forgotten once a newer revision is opened.
(function () {
  "use strict";
  var form = document.getElementById("section-editor");
  if (!form) { return; }
  var body = form.querySelector("textarea[name=body]");
  var title = form.querySelector("input[name=title]");
  var base = form.querySelector("input[name=base_revision]");
  // Drafts belong to one person on this browser: another person's are removed on sight,
  // and so are this person's drafts of the same section on an older revision (saved since).
  var mine = "youthportal:u" + form.getAttribute("data-user") + ":";
  var section = mine + form.getAttribute("data-draft-key") + ":";
  var key = section + (base ? base.value : "");
  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }
  if (storage) {
    var stale = [];
    for (var i = 0; i < storage.length; i++) {
      var name = storage.key(i);
      if (name && name.indexOf("youthportal:") === 0 &&
          (name.indexOf(mine) !== 0 || (name.indexOf(section) === 0 && name !== key))) {
        stale.push(name);
      }
    }
    stale.forEach(function (name) { storage.removeItem(name); });
  }

  if (storage && body) {
    var saved = storage.getItem(key);
    if (saved) {
      try {
        var draft = JSON.parse(saved);
        if (draft.body !== body.value || draft.title !== title.value) {
          var original = { body: body.value, title: title.value };
          body.value = draft.body;
          title.value = draft.title;
          var restored = document.getElementById("draft-restored");
          var discard = document.getElementById("draft-discard");
          if (restored) { restored.hidden = false; }
          if (discard) {
            discard.addEventListener("click", function () {
              body.value = original.body;
              title.value = original.title;
              storage.removeItem(key);
              restored.hidden = true;
            });
          }
        }
      } catch (e) { storage.removeItem(key); }
    }
    var keep = function () {
      try { storage.setItem(key, JSON.stringify({ body: body.value, title: title.value })); } catch (e) { /* full */ }
    };
    body.addEventListener("input", keep);
    title.addEventListener("input", keep);
    // Kept until the next editor opens on a newer revision: a save refused on the server
    // (the section deleted, the report frozen) loses nothing.
  }

  var url = form.getAttribute("data-revision-url");
  var notice = document.getElementById("someone-saved");
  if (!url || !notice || !base || !window.fetch) { return; }
  var check = function () {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && String(data.revision) !== base.value) {
          notice.hidden = false;
        } else {
          window.setTimeout(check, 20000);
        }
      })
      .catch(function () { window.setTimeout(check, 60000); });
  };
  window.setTimeout(check, 20000);
})();
