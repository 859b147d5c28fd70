/* The header search box (overrides/partials/search.html): Pagefind's UI, loaded on demand.
 *
 * A page's first load carries only this file. The first time the resident focuses or types in
 * the box (or opens an address with ?q=), it adds Pagefind's CSS and pagefind-ui.js from the
 * site's pagefind/ folder; Pagefind then fetches its index and WebAssembly. What the resident
 * types in the header box goes to Pagefind's UI, which shows the results (title, center,
 * kecamatan, next dates and status from data-pagefind-meta) and the filters below the header.
 * Its labels are Indonesian: Pagefind's UI takes its language from <html lang="id">.
 * If Pagefind cannot be loaded, the box stays a plain form to the list of every course.
 */
(function () {
  "use strict";

  var form = document.getElementById("pencarian");
  var input = document.getElementById("pencarian-q");
  var panel = document.getElementById("pencarian-hasil");
  if (!form || !input || !panel) return;
  var bundle = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
  var header = form.closest("header");
  /* What a result shows under its title, in this order (data-pagefind-meta, overrides/course.html). */
  var META = ["pusat", "kecamatan", "jadwal", "status"];
  var ui = null;
  var loading = false;
  var pending = null;

  function addScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    script.onerror = function () { loading = false; };
    document.head.appendChild(script);
  }

  function load() {
    if (ui || loading) return;
    loading = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    addScript(bundle + "pagefind-ui.js", function () {
      ui = new window.PagefindUI({
        element: "#pencarian-pagefind",
        bundlePath: bundle,
        showSubResults: false,
        showImages: false,
        resetStyles: false,
        autofocus: false,
        processResult: ordered
      });
      loading = false;
      if (pending !== null) search(pending);
    });
  }

  function ordered(result) {
    var meta = { title: result.meta.title };
    META.forEach(function (key) { if (result.meta[key]) meta[key] = result.meta[key]; });
    result.meta = meta;
    return result;
  }

  function search(term) {
    if (!ui) { pending = term; load(); return; }
    pending = null;
    var wasHidden = panel.hidden;
    panel.hidden = term.trim() === "";
    if (wasHidden && !panel.hidden && header) {
      /* The banner above the header scrolls away, so the results get the whole screen. */
      var top = header.getBoundingClientRect().top;
      if (top > 0) window.scrollBy(0, top);
    }
    ui.triggerSearch(term);
  }

  function close() {
    panel.hidden = true;
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { search(input.value); });
  form.addEventListener("submit", function (event) {
    if (!ui && !loading) return; /* Pagefind is unavailable: go to the course list */
    event.preventDefault();
    search(input.value);
    input.blur(); /* hides a phone's keyboard so the results show */
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

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
})();
