/* Filters of the course list (/pelatihan/): loaded on that page only (overrides/pelatihan.html).
 *
 * Each li.course-card carries data-kejuruan, data-tinggal (domicile codes; empty = anyone),
 * data-tempat (kecamatan codes where it is held), data-mode, data-kelompok (target groups) and
 * data-biaya (site_builder/course_list_page.py); its status is the data-status of the .run
 * inside it, which katalog.js keeps current. The choices live in the query string, so the
 * address can be shared, and opening such an address applies them. Without JavaScript the
 * whole list shows and the form stays hidden.
 */
(function () {
  "use strict";

  var NAMES = ["kejuruan", "tinggal", "tempat", "status", "mode", "kelompok", "biaya"];

  function words(el, name) {
    var value = el.getAttribute("data-" + name) || "";
    return value ? value.split(" ") : [];
  }

  /* Residents of kecamatan `code` may join: no domicile rule, a rule for a region containing
     the kecamatan, or for a kelurahan/desa inside it (as catalog/eligibility.py accepts_village
     judges one address). */
  function livesIn(card, code) {
    var rules = words(card, "tinggal");
    if (!rules.length) return true;
    for (var i = 0; i < rules.length; i++) {
      if (code.indexOf(rules[i]) === 0 || rules[i].indexOf(code) === 0) return true;
    }
    return false;
  }

  function statusOf(card) {
    var run = card.querySelector(".run[data-status]");
    return run ? run.getAttribute("data-status") : "";
  }

  function matches(card, chosen) {
    if (chosen.kejuruan && card.getAttribute("data-kejuruan") !== chosen.kejuruan) return false;
    if (chosen.tinggal && !livesIn(card, chosen.tinggal)) return false;
    if (chosen.tempat && words(card, "tempat").indexOf(chosen.tempat) === -1) return false;
    if (chosen.status && statusOf(card) !== chosen.status) return false;
    if (chosen.mode && card.getAttribute("data-mode") !== chosen.mode) return false;
    if (chosen.kelompok && words(card, "kelompok").indexOf(chosen.kelompok) === -1) return false;
    if (chosen.biaya && card.getAttribute("data-biaya") !== chosen.biaya) return false;
    return true;
  }

  function readQuery(search) {
    var params = {};
    var pairs = search.replace(/^\?/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      var kv = pairs[i].split("=");
      try {
        params[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || "").replace(/\+/g, " "));
      } catch (err) { /* a broken escape: ignore that parameter */ }
    }
    return params;
  }

  function start() {
    var form = document.getElementById("saring");
    if (!form) return;
    var cards = document.querySelectorAll("ul.course-list > li.course-card");
    var count = form.querySelector(".saring-n");
    var empty = document.querySelector(".saring-kosong");
    var params = readQuery(window.location.search);

    function chosen() {
      var result = {};
      for (var i = 0; i < NAMES.length; i++) result[NAMES[i]] = form.elements[NAMES[i]].value;
      return result;
    }

    function apply(writeUrl) {
      var values = chosen();
      var shown = 0;
      for (var i = 0; i < cards.length; i++) {
        var ok = matches(cards[i], values);
        cards[i].hidden = !ok;
        if (ok) shown += 1;
      }
      count.textContent = shown;
      empty.hidden = shown > 0;
      if (!writeUrl || !window.history.replaceState) return;
      var query = [];
      for (var j = 0; j < NAMES.length; j++) {
        if (values[NAMES[j]]) {
          query.push(NAMES[j] + "=" + encodeURIComponent(values[NAMES[j]]));
        }
      }
      var url = window.location.pathname + (query.length ? "?" + query.join("&") : "");
      window.history.replaceState(null, "", url);
    }

    for (var i = 0; i < NAMES.length; i++) {
      var select = form.elements[NAMES[i]];
      if (params[NAMES[i]]) {
        select.value = params[NAMES[i]];
        if (select.value !== params[NAMES[i]]) select.value = ""; /* an unknown value */
      }
      select.addEventListener("change", function () { apply(true); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
    });
    form.querySelector(".saring-hapus").addEventListener("click", function (event) {
      event.preventDefault();
      form.reset();
      apply(true);
    });
    form.hidden = false;
    /* After katalog.js has set today's statuses (it runs on DOMContentLoaded too, first). */
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
