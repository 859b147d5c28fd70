/* Filters of the course list (/pelatihan/ and its pages /pelatihan/halaman/<n>/), loaded on
 * those pages only (overrides/pelatihan.html).
 *
 * Without a filter the page shows its own cards and page links. Once one is set, the script
 * reads what the filters compare for every course from the chunks data/1.json, 2.json, ...
 * (site_builder/course_list_page.py), one after the other, and lists the matches as each
 * chunk arrives: a copy of the page's <template> card for each, page-size cards at a time
 * ("Tampilkan ... berikutnya" adds more). The role="status" line says how many courses it has
 * checked so far. A chunk is read once per visit. Statuses are today's, by the same rule as
 * every other run of the site (window.katalog, katalog.js).
 *
 * The choices live in the query string (/pelatihan/?kejuruan=las&tinggal=367102&...; on page 2
 * /pelatihan/halaman/2/?...), so the address can be shared; opening it applies them. Every word shown comes from the page.
 * Without JavaScript (or without fetch or <template>) the form stays hidden and the pages and
 * their links are the whole list.
 */
(function () {
  "use strict";

  var NAMES = ["kejuruan", "tinggal", "tempat", "status", "mode", "kelompok", "biaya"];

  /* Residents of kecamatan `code` may join: no domicile rule, a rule for a region containing
     the kecamatan, or for a kelurahan/desa inside it (as catalog/eligibility.py accepts_village
     judges one address). */
  function livesIn(rules, code) {
    if (!rules.length) return true;
    for (var i = 0; i < rules.length; i++) {
      if (code.indexOf(rules[i]) === 0 || rules[i].indexOf(code) === 0) return true;
    }
    return false;
  }

  function statusOf(course) {
    var run = course.run;
    return run ? window.katalog.status(run.opens, run.closes, run.end) : "";
  }

  function matches(course, chosen) {
    var f = course.filters;
    if (chosen.kejuruan && f.kejuruan !== chosen.kejuruan) return false;
    if (chosen.tinggal && !livesIn(f.tinggal, chosen.tinggal)) return false;
    if (chosen.tempat && f.tempat.indexOf(chosen.tempat) === -1) return false;
    if (chosen.status && statusOf(course) !== chosen.status) return false;
    if (chosen.mode && f.mode !== chosen.mode) return false;
    if (chosen.kelompok && f.kelompok.indexOf(chosen.kelompok) === -1) return false;
    if (chosen.biaya && f.biaya !== chosen.biaya) return false;
    return true;
  }

  /* 12000 -> "12.000", as the page writes numbers (site_builder/capaian_page.py number). */
  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
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

  function setText(el, selector, value) {
    el.querySelector(selector).textContent = value;
  }

  /* A copy of the page's card (overrides/partials/katalog.html course_card), filled in. */
  function card(template, course, root) {
    var li = template.content.querySelector("li").cloneNode(true);
    var link = li.querySelector(".course-card__title");
    link.setAttribute("href", root + course.url);
    link.textContent = course.title;
    setText(li, ".course-card__center", course.center);
    setText(li, ".course-card__kejuruan", course.kejuruan);
    setText(li, ".course-card__kecamatan", course.kecamatan);
    var slot = li.querySelector(".run");
    var run = course.run;
    if (!run) {
      slot.parentNode.removeChild(slot);
      return li;
    }
    slot.setAttribute("data-run-id", run.id);
    slot.setAttribute("data-opens", run.opens);
    slot.setAttribute("data-closes", run.closes);
    slot.setAttribute("data-end", run.end);
    slot.setAttribute("data-status", run.status);
    var badge = slot.querySelector(".run-status");
    badge.className = "run-status status-" + run.status;
    badge.textContent = run.status_label;
    setText(slot, ".run-item__note", run.note);
    setText(slot, ".course-card__range", run.dates);
    return li;
  }

  function start() {
    var form = document.getElementById("saring");
    var template = document.getElementById("saring-kartu");
    if (!form || !template || !("content" in template) || !window.fetch || !window.katalog) {
      return;
    }
    var chunks = Number(form.getAttribute("data-chunks"));
    var pageSize = Number(form.getAttribute("data-page-size"));
    var dataUrl = form.getAttribute("data-data");
    var root = form.getAttribute("data-root");
    var own = document.querySelector(".saring-halaman");
    var results = document.querySelector(".saring-hasil");
    var list = results.querySelector(".saring-daftar");
    var empty = results.querySelector(".saring-kosong");
    var more = results.querySelector(".saring-lagi");
    var line = form.querySelector(".saring-jumlah");
    var all = line.querySelector(".saring-semua");
    var checking = line.querySelector(".saring-memeriksa");
    var finished = line.querySelector(".saring-selesai");
    var broken = line.querySelector(".saring-gagal");
    var checked = line.querySelector(".saring-diperiksa");
    var counts = line.querySelectorAll(".saring-n");
    var here = window.location.pathname;

    var courses = []; /* every course of the chunks read so far, in the list's order */
    var loaded = 0;
    var loading = false;
    var failed = false;
    var limit = pageSize;
    var shown = 0; /* matches listed */

    function chosen() {
      var result = {};
      for (var i = 0; i < NAMES.length; i++) result[NAMES[i]] = form.elements[NAMES[i]].value;
      return result;
    }

    function filtering(values) {
      for (var i = 0; i < NAMES.length; i++) if (values[NAMES[i]]) return true;
      return false;
    }

    function load() {
      loading = true;
      var number = loaded + 1;
      fetch(dataUrl + number + ".json")
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (chunk) {
          courses = courses.concat(chunk.courses);
          loaded = number;
          loading = false;
          apply(false);
        })
        .catch(function () {
          loading = false;
          failed = true;
          apply(false);
        });
    }

    /* List the matches among the courses read so far; `restart` after the choices changed
       (else the cards listed stay and the next matches are added below them). */
    function apply(restart) {
      var values = chosen();
      var on = filtering(values);
      own.hidden = on;
      results.hidden = !on;
      all.hidden = on;
      if (!on) {
        checking.hidden = finished.hidden = broken.hidden = true;
        return;
      }
      if (loaded < chunks && !loading && !failed) load();
      if (restart) {
        list.textContent = "";
        shown = 0;
      }
      var found = 0;
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < courses.length; i++) {
        if (!matches(courses[i], values)) continue;
        found += 1;
        if (found > shown && found <= limit) fragment.appendChild(card(template, courses[i], root));
      }
      shown = Math.min(found, limit);
      list.appendChild(fragment);
      window.katalog.refresh(list);
      var done = loaded >= chunks;
      more.hidden = found <= limit;
      empty.hidden = !(done && found === 0);
      for (var j = 0; j < counts.length; j++) counts[j].textContent = thousands(found);
      checked.textContent = thousands(courses.length);
      checking.hidden = done || failed;
      finished.hidden = !done;
      broken.hidden = !failed;
    }

    function writeUrl() {
      if (!window.history.replaceState) return;
      var values = chosen();
      var query = [];
      for (var i = 0; i < NAMES.length; i++) {
        if (values[NAMES[i]]) query.push(NAMES[i] + "=" + encodeURIComponent(values[NAMES[i]]));
      }
      /* This page's own path (the page's relative links stay right): on any page of the list
         the same choices give the same matches. */
      var url = here + (query.length ? "?" + query.join("&") : "");
      window.history.replaceState(null, "", url);
    }

    function changed() {
      limit = pageSize;
      apply(true);
      writeUrl();
    }

    var params = readQuery(window.location.search);
    for (var i = 0; i < NAMES.length; i++) {
      var select = form.elements[NAMES[i]];
      if (params[NAMES[i]]) {
        select.value = params[NAMES[i]];
        if (select.value !== params[NAMES[i]]) select.value = ""; /* an unknown value */
      }
      select.addEventListener("change", changed);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      changed();
    });
    form.querySelector(".saring-hapus").addEventListener("click", function (event) {
      event.preventDefault();
      form.reset();
      changed();
    });
    more.addEventListener("click", function () {
      limit += pageSize;
      apply(false);
    });
    form.hidden = false;
    apply(true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
