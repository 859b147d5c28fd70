/* The header search box (overrides/partials/search.html), over Pagefind's search API.
 *
 * A page's first load carries only this file. The first time the resident focuses or types in
 * the box (or opens an address with ?q=), it imports the site's pagefind/pagefind.js, which
 * fetches its WebAssembly, page list and, per query, the index chunks it needs. Results are
 * copies of the partial's <template id="pencarian-satu">, filled with textContent: the title
 * links to the course, then center, kecamatan, next dates and status (data-pagefind-meta of
 * overrides/course.html). Only the shown results' fragments are fetched, five at a time
 * ("Tampilkan lebih banyak"). The filters' values are fetched only when the resident opens
 * "Saring hasil"; choosing one runs the search again.
 *
 * The query and the filters live in the page's address (?q=barista&tempat=Ciledug, the filter
 * parameter names of the course list, saring.js), so opening such an address shows the same
 * results. Other parameters of the address are left alone. If Pagefind cannot be loaded, the
 * box stays a plain form to the list of every course.
 */
(function () {
  "use strict";

  var form = document.getElementById("pencarian");
  var input = document.getElementById("pencarian-q");
  var panel = document.getElementById("pencarian-hasil");
  if (!form || !input || !panel) return;
  var bundle = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
  var header = form.closest("header");
  var PAGE = 5; /* results shown at a time */
  var status = panel.querySelector(".pencarian-hasil__jumlah");
  var list = panel.querySelector(".pencarian-hasil__daftar");
  var more = panel.querySelector(".pencarian-hasil__lagi");
  var saring = document.getElementById("pencarian-saring");
  var selects = Array.prototype.slice.call(saring.querySelectorAll("select[data-filter]"));
  var messages = document.getElementById("pencarian-pesan").content;
  var resultTemplate = document.getElementById("pencarian-satu").content;

  var engine = null; /* a promise of Pagefind's API, once loading has started */
  var failed = false;
  var filtersLoaded = false;
  var chosen = {}; /* address parameter -> filter value */
  var results = [];
  var shown = 0;
  var term = "";
  var seq = 0; /* the newest search; older answers are dropped */
  var timer = null;

  function load() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(function (pagefind) {
        /* noWorker: Pagefind's worker script would be one more download (11.6 KB gzip) before
           the first result; a search of this catalogue is quick on the page's own thread. */
        return pagefind.options({
          noWorker: true,
          baseUrl: new URL("..", bundle).pathname
        }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      engine.catch(function () {
        failed = true;
        say("gagal");
      });
    }
    return engine;
  }

  function filterOf(param) {
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].name === param) return selects[i].getAttribute("data-filter");
    }
    return null;
  }

  function pagefindFilters() {
    var filters = {};
    Object.keys(chosen).forEach(function (param) {
      if (chosen[param]) filters[filterOf(param)] = chosen[param];
    });
    return filters;
  }

  function say(kind, count) {
    var message = messages.querySelector('[data-pesan="' + kind + '"]').cloneNode(true);
    var n = message.querySelector("[data-n]");
    var q = message.querySelector("[data-q]");
    if (n) n.textContent = String(count);
    if (q) q.textContent = term;
    status.textContent = message.textContent;
  }

  function writeUrl() {
    if (!window.history.replaceState) return;
    var params = new URLSearchParams(window.location.search);
    if (term) params.set("q", term); else params.delete("q");
    selects.forEach(function (select) {
      if (term && chosen[select.name]) params.set(select.name, chosen[select.name]);
      else params.delete(select.name);
    });
    var query = params.toString();
    window.history.replaceState(
      window.history.state, "",
      window.location.pathname + (query ? "?" + query : "") + window.location.hash
    );
  }

  function open() {
    if (!panel.hidden) return;
    panel.hidden = false;
    if (header) {
      /* The banner above the header scrolls away, so the results get the whole screen. */
      var top = header.getBoundingClientRect().top;
      if (top > 0) window.scrollBy(0, top);
    }
  }

  function close() {
    panel.hidden = true;
    seq += 1;
    term = "";
    writeUrl();
  }

  /* Runs the search for the box's words and the chosen filters; debounce (ms) while typing. */
  function search(debounce) {
    window.clearTimeout(timer);
    var words = input.value.trim();
    if (!words) {
      close();
      return;
    }
    load();
    if (debounce) {
      timer = window.setTimeout(function () { search(0); }, debounce);
      return;
    }
    term = words;
    open();
    writeUrl();
    var mine = ++seq;
    engine.then(function (pagefind) {
      return pagefind.search(words, { filters: pagefindFilters() });
    }).then(function (found) {
      if (mine !== seq || !found) return;
      results = found.results;
      shown = 0;
      if (filtersLoaded) counts(found.totalFilters);
      return showMore(mine, false).then(function () {
        /* The status line changes once the first results are shown. */
        if (mine === seq) say(results.length ? "ada" : "kosong", results.length);
      });
    }).catch(function () {
      if (mine === seq) say("gagal");
    });
  }

  /* Shows the next PAGE results (only their fragments are fetched): in place of the previous
     search's results, or appended, with the focus on the first new one. */
  function showMore(mine, append) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== seq) return;
      if (!append) list.textContent = "";
      var first = null;
      pages.forEach(function (page) {
        var item = resultTemplate.firstElementChild.cloneNode(true);
        var link = item.querySelector(".pencarian-hasil__judul");
        link.href = page.url;
        link.textContent = page.meta.title || page.url;
        Array.prototype.forEach.call(item.querySelectorAll("[data-meta]"), function (line) {
          var value = page.meta[line.getAttribute("data-meta")];
          line.querySelector("[data-isi]").textContent = value || "";
          line.hidden = !value;
        });
        list.appendChild(item);
        if (!first) first = link;
      });
      more.hidden = shown >= results.length;
      if (append && first) first.focus();
    });
  }

  /* The filters' values and, beside each, how many results of the words it has. */
  function counts(byFilter) {
    selects.forEach(function (select) {
      var values = (byFilter || {})[select.getAttribute("data-filter")] || {};
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        option.textContent = option.value + " (" + (values[option.value] || 0) + ")";
      });
    });
  }

  function loadFilters() {
    if (filtersLoaded) return;
    var loading = saring.querySelector(".pencarian-saring__memuat");
    var broken = saring.querySelector(".pencarian-saring__gagal");
    loading.hidden = false;
    broken.hidden = true;
    load().then(function (pagefind) {
      return pagefind.filters();
    }).then(function (all) {
      filtersLoaded = true;
      var changed = false;
      selects.forEach(function (select) {
        Object.keys(all[select.getAttribute("data-filter")] || {}).sort().forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        });
        if (chosen[select.name]) {
          select.value = chosen[select.name];
          if (select.value !== chosen[select.name]) { /* not a value of this catalogue */
            delete chosen[select.name];
            changed = true;
          }
        }
      });
      counts(all);
      loading.hidden = true;
      saring.querySelector(".pencarian-saring__isi").hidden = false;
      if (term) search(0); /* the counts for these words; drops an unknown filter value */
      else if (changed) writeUrl();
    }).catch(function () {
      loading.hidden = true;
      broken.hidden = false;
    });
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { search(input.value.trim() ? 300 : 0); });
  form.addEventListener("submit", function (event) {
    if (failed) return; /* Pagefind is unavailable: go to the course list */
    event.preventDefault();
    search(0);
    input.blur(); /* hides a phone's keyboard so the results show */
  });
  saring.addEventListener("toggle", function () {
    if (saring.open) loadFilters();
  });
  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      chosen[select.name] = select.value;
      search(0);
    });
  });
  saring.querySelector(".pencarian-saring__hapus").addEventListener("click", function () {
    chosen = {};
    selects.forEach(function (select) { select.value = ""; });
    search(0);
  });
  more.addEventListener("click", function () {
    showMore(seq, true);
  });
  panel.querySelector(".pencarian-hasil__tombol-tutup").addEventListener("click", function () {
    close();
    input.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      close();
      input.focus();
    }
  });

  /* An address with ?q= (and filters) shows those results. */
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  if (query) {
    input.value = query;
    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value) chosen[select.name] = value;
    });
    search(0);
    if (Object.keys(chosen).length) saring.open = true; /* shows the chosen filters */
  }
})();
