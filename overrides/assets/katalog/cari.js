/* "Pelatihan untuk saya" (/cari/): loaded on that page only (overrides/cari.html).
 *
 * The answers live in the URL (?kelurahan=<10 digits>&usia=<years>&jk=L|P&dtks=ya|tidak|tidak-tahu),
 * so the page can be shared; the form is a plain GET form to this same page. The runs and their
 * rules come from the list of the resident's kecamatan (every run her address allows, and the
 * number of the others), in the order the list shows them: its first part,
 * cari/kelayakan/<6 digits>.json, gives her first results; the other parts it names are added
 * as they arrive, while a status line says the list is still being checked. The whole
 * cari/kelayakan.json comes once she opens "Kenapa pelatihan lain tidak muncul?". All are
 * generated from the catalog's models by site_builder/eligibility_data.py; judge() applies them
 * as registrations/rules.py check_applicant does for the form. tests/cases/eligibility.json is
 * checked against both.
 * Without JavaScript the page is a list of kecamatan and kelurahan/desa links instead.
 */
(function () {
  "use strict";

  /* -- dates: ISO strings "YYYY-MM-DD", compared as strings like catalog/status.py -------- */

  function todayWib() {
    return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  }

  function nextDay(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function parts(iso) {
    return [+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10)];
  }

  /* Completed years from birth b to day d ([y, m, d]), as catalog/eligibility.py age_on. */
  function ageOn(b, d) {
    var years = d[0] - b[0];
    if (d[1] < b[1] || (d[1] === b[1] && d[2] < b[2])) years -= 1;
    return years;
  }

  function statusOn(run, today) {
    if (today < run.opens) return "akan-dibuka";
    if (today <= run.closes) return "dibuka";
    if (today <= run.end) return "ditutup";
    return "selesai";
  }

  /* -- the data ----------------------------------------------------------------------------- */

  function runsOf(data) {
    var runs = [];
    for (var i = 0; i < data.runs.length; i++) {
      var r = data.runs[i];
      var course = data.courses[r[0]];
      var rule = data.rules[course[3]];
      var center = data.centers[course[2]];
      runs.push({
        id: center[0] + "/" + course[0] + "/" + r[1],
        run: r[1],
        course: course[0],
        title: course[1],
        centerId: center[0],
        center: center[1],
        start: r[2], opens: r[3], closes: r[4], end: r[5],
        place: data.places[r[6]],
        min: rule[0],
        max: rule[1],
        domicile: rule[2] ? rule[2].split(" ") : [],
        groups: rule[3] ? rule[3].split(" ") : [],
        education: rule[4]
      });
    }
    return runs;
  }

  /* -- the rules ------------------------------------------------------------------------------ */

  function accepts(run, village) {
    if (!run.domicile.length) return true;
    for (var i = 0; i < run.domicile.length; i++) {
      if (village.indexOf(run.domicile[i]) === 0) return true;
    }
    return false;
  }

  function has(list, item) {
    return list.indexOf(item) !== -1;
  }

  function ageReason(run, age, youth) {
    if (age < run.min) return "usia-min";
    if (run.max !== null && age > run.max) return "usia-maks";
    if (has(run.groups, "pemuda") && (age < youth[0] || age > youth[1])) return "pemuda";
    return null;
  }

  /* The verdict on one run for the answers {kelurahan, usia, jk, dtks} (each may be missing)
     on day `today`: {status, reasons: [keys], open: [conditions still to check]}; the run
     may be joined when reasons is empty. The reason keys and their order are those of
     site_builder/eligibility_data.py REASON_ORDER. */
  function judge(run, answers, today, youth) {
    var reasons = [];
    var open = [];
    if (answers.kelurahan) {
      if (!accepts(run, answers.kelurahan)) reasons.push("wilayah");
    } else if (run.domicile.length) {
      open.push(["wilayah"]);
    }
    if (answers.usia !== null && answers.usia !== undefined) {
      /* Born between "usia years ago today" and "usia + 1 years ago tomorrow": the run is
         allowed when either end of that range is. */
      var t = parts(today);
      var t1 = parts(nextDay(today));
      var s = parts(run.start);
      var youngest = ageReason(run, ageOn([t[0] - answers.usia, t[1], t[2]], s), youth);
      var oldest = ageReason(run, ageOn([t1[0] - answers.usia - 1, t1[1], t1[2]], s), youth);
      if (youngest && oldest) reasons.push(youngest);
    } else {
      open.push([run.max !== null ? "usia" : "usia-min"]);
      if (has(run.groups, "pemuda")) open.push(["group", "pemuda"]);
    }
    if (has(run.groups, "perempuan")) {
      if (answers.jk === "L") reasons.push("perempuan");
      else if (answers.jk !== "P") open.push(["group", "perempuan"]);
    }
    if (has(run.groups, "dtks")) {
      if (answers.dtks === "tidak" || answers.dtks === "tidak-tahu") reasons.push("dtks");
      else if (answers.dtks !== "ya") open.push(["group", "dtks"]);
    }
    for (var i = 0; i < run.groups.length; i++) {
      var g = run.groups[i];
      if (g !== "pemuda" && g !== "perempuan" && g !== "dtks") open.push(["group", g]);
    }
    if (run.education) open.push(["pendidikan"]);
    var status = statusOn(run, today);
    if (status === "ditutup" || status === "selesai") reasons.push(status);
    return { status: status, reasons: reasons, open: open };
  }

  function readAnswers(search) {
    var params = {};
    var pairs = search.replace(/^\?/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      if (!pairs[i]) continue;
      var kv = pairs[i].split("=");
      try {
        params[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || "").replace(/\+/g, " "));
      } catch (err) { /* a broken escape: ignore that parameter */ }
    }
    var usia = /^\d{1,3}$/.test(params.usia || "") ? +params.usia : null;
    return {
      kelurahan: /^\d{10}$/.test(params.kelurahan || "") ? params.kelurahan : "",
      usia: usia,
      jk: params.jk === "L" || params.jk === "P" ? params.jk : "",
      dtks: has(["ya", "tidak", "tidak-tahu"], params.dtks) ? params.dtks : ""
    };
  }

  /* -- words -------------------------------------------------------------------------------- */

  function fill(template, run, data) {
    return template
      .replace("{wilayah}", run.domicile.map(function (c) { return data.regions[c] || c; })
        .join(" atau "))
      .replace("{min}", run.min)
      .replace("{max}", run.max)
      .replace("{pendidikan}", data.words.education[run.education] || "");
  }

  function reasonText(key, run, data, answers) {
    var words = data.words.reason;
    if (key === "dtks" && answers.dtks === "tidak-tahu") key = "dtks-tidak-tahu";
    return fill(words[key] || key, run, data);
  }

  function conditionText(item, run, data) {
    if (item[0] === "group") return "khusus " + data.words.group[item[1]];
    return fill(data.words.condition[item[0]], run, data);
  }

  function longDate(iso, data) {
    var p = parts(iso);
    return p[2] + " " + data.months[p[1] - 1] + " " + p[0];
  }

  /* "Jumat, 4 Desember 2026", as catalog/dates.py format_date_long writes it on the pages. */
  function dayDate(iso, data) {
    return data.days[new Date(iso + "T00:00:00Z").getUTCDay()] + ", " + longDate(iso, data);
  }

  function note(run, status, data) {
    if (status === "akan-dibuka") return "Pendaftaran dibuka " + dayDate(run.opens, data);
    if (status === "dibuka") return "Daftar paling lambat " + dayDate(run.closes, data);
    return "";
  }

  /* -- the page ----------------------------------------------------------------------------- */

  function runUrl(run, data) {
    return data.course_base + run.centerId + "/" + run.course + "/#angkatan-" + run.run;
  }

  /* The order of the list, as site_builder/eligibility_data.py list_order writes the parts:
     open runs first, by closing date; then the others, by opening date; then by start. */
  function listOrder(a, b) {
    var sa = a.verdict.status === "dibuka" ? 0 : 1;
    var sb = b.verdict.status === "dibuka" ? 0 : 1;
    if (sa !== sb) return sa - sb;
    var da = sa === 0 ? a.closes : a.opens;
    var db = sb === 0 ? b.closes : b.opens;
    return da < db ? -1 : da > db ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
  }

  function runItem(run, data) {
    var li = document.getElementById("cari-run").content.firstElementChild.cloneNode(true);
    var status = run.verdict.status;
    li.setAttribute("data-run-id", run.id);
    li.setAttribute("data-opens", run.opens);
    li.setAttribute("data-closes", run.closes);
    li.setAttribute("data-end", run.end);
    li.setAttribute("data-status", status);
    var link = li.querySelector(".run-item__title");
    link.href = runUrl(run, data);
    link.textContent = run.title;
    li.querySelector(".run-item__center").textContent = run.center;
    li.querySelector(".cari-tempat").textContent = run.place;
    li.querySelector(".cari-mulai").textContent = longDate(run.start, data);
    var badge = li.querySelector(".run-status");
    badge.className = "run-status status-" + status;
    badge.textContent = data.words.status[status];
    li.querySelector(".run-item__note").textContent = note(run, status, data);
    if (run.verdict.open.length) {
      li.querySelector(".cari-syarat__isi").textContent = run.verdict.open
        .map(function (item) { return conditionText(item, run, data); }).join("; ");
      li.querySelector(".cari-syarat").hidden = false;
    }
    return li;
  }

  function excludedItem(run, data, answers) {
    var li = document.getElementById("cari-alasan").content.firstElementChild.cloneNode(true);
    li.setAttribute("data-run-id", run.id);
    li.setAttribute("data-alasan", run.verdict.reasons.join(" "));
    var link = li.querySelector(".cari-excluded__title");
    link.href = runUrl(run, data);
    link.textContent = run.title + ", angkatan " + run.run;
    li.querySelector(".cari-excluded__center").textContent = run.center;
    var reasons = li.querySelector(".cari-alasan");
    run.verdict.reasons.forEach(function (key) {
      var item = document.createElement("li");
      item.setAttribute("data-alasan", key);
      item.textContent = reasonText(key, run, data, answers);
      reasons.appendChild(item);
    });
    return li;
  }

  /* The resident's list: begun with a file that carries the words (a kecamatan's first part,
     or the whole file), then given more runs part by part. */
  function Results(data, answers, today) {
    var section = document.getElementById("cari-hasil");
    this.words = data;
    this.answers = answers;
    this.today = today;
    this.section = section;
    this.list = section.querySelector(".cari-list");
    this.others = section.querySelector(".cari-tidak");
    this.list.textContent = "";
    this.others.textContent = "";
    this.ok = [];
    this.excluded = 0;
    this.complete = false;
    /* A part lists only the table rows new in it; its indexes count from the first part's. */
    this.tables = { rules: [], centers: [], places: [], courses: [] };
    /* A kecamatan file counts the runs it leaves out: none of them accepts her address. */
    this.leftOut = data.others || 0;
    section.setAttribute("data-lengkap", "tidak");
  }

  /* The runs of one part: those she may join go into the list at their place in its order
     (at its end, when the part was written on the same day), the others into the reasons. */
  Results.prototype.add = function (part) {
    var tables = this.tables;
    ["rules", "centers", "places", "courses"].forEach(function (name) {
      for (var k = 0; k < part[name].length; k++) tables[name].push(part[name][k]);
    });
    var runs = runsOf({
      rules: tables.rules, centers: tables.centers, places: tables.places,
      courses: tables.courses, runs: part.runs
    });
    var add = [];
    for (var i = 0; i < runs.length; i++) {
      var verdict = judge(runs[i], this.answers, this.today, this.words.youth);
      runs[i].verdict = verdict;
      if (verdict.status === "selesai") continue;
      if (verdict.reasons.length) {
        this.others.appendChild(excludedItem(runs[i], this.words, this.answers));
        this.excluded += 1;
      } else {
        add.push(runs[i]);
      }
    }
    add.sort(listOrder);
    var merged = [];
    var at = 0;
    for (var j = 0; j < add.length; j++) {
      while (at < this.ok.length && listOrder(this.ok[at], add[j]) <= 0) merged.push(this.ok[at++]);
      add[j].item = runItem(add[j], this.words);
      this.list.insertBefore(add[j].item, at < this.ok.length ? this.ok[at].item : null);
      merged.push(add[j]);
    }
    this.ok = merged.concat(this.ok.slice(at));
    this.section.querySelector(".cari-n").textContent = this.ok.length;
    this.section.querySelector(".cari-n-lain").textContent = this.excluded + this.leftOut;
    this.list.hidden = this.ok.length === 0;
    this.section.hidden = false;
    this.showEmpty();
  };

  /* "Nothing for you yet" only once every part is in. */
  Results.prototype.showEmpty = function () {
    this.section.querySelector(".cari-kosong").hidden = this.ok.length > 0 || !this.complete;
  };

  /* Every part is in: the counts are final, and complete when no run was left out. */
  Results.prototype.done = function () {
    this.complete = true;
    this.showEmpty();
    this.section.querySelector(".cari-memeriksa").hidden = true;
    this.section.setAttribute("data-lengkap", this.leftOut ? "tidak" : "ya");
  };

  function describeAnswers(form, answers) {
    var words = [];
    var select = form.querySelector("#cari-kelurahan");
    var option = select.options[select.selectedIndex];
    if (option && option.value) words.push(option.getAttribute("data-label"));
    if (answers.usia !== null) words.push(answers.usia + " tahun");
    ["jk", "dtks"].forEach(function (name) {
      var checked = form.querySelector("input[name=" + name + "]:checked");
      if (!checked) return;
      var text = checked.parentNode.textContent.trim();
      words.push(name === "dtks" ? "DTKS/DTSEN: " + text.toLowerCase() : text.toLowerCase());
    });
    return "Untuk: " + words.join(", ") + ".";
  }

  /* The kelurahan/desa select, from the page's own list of links (no second copy of it). */
  function fillSelect(select) {
    var districts = document.querySelectorAll("details.cari-kecamatan");
    for (var i = 0; i < districts.length; i++) {
      var group = document.createElement("optgroup");
      var district = districts[i].getAttribute("data-kecamatan");
      group.label = "Kecamatan " + district + " (" + districts[i].getAttribute("data-wilayah") + ")";
      var links = districts[i].querySelectorAll("a[data-kode]");
      for (var j = 0; j < links.length; j++) {
        var option = document.createElement("option");
        option.value = links[j].getAttribute("data-kode");
        option.textContent = links[j].textContent;
        option.setAttribute("data-label", links[j].getAttribute("data-jenis") + " " +
          links[j].textContent + ", Kecamatan " + district);
        group.appendChild(option);
      }
      select.appendChild(group);
    }
  }

  function load(url, done, failed) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.onload = function () {
      if (request.status !== 200) return failed();
      var data;
      try { data = JSON.parse(request.responseText); } catch (err) { return failed(); }
      done(data);
    };
    request.onerror = failed;
    request.send();
  }

  /* The other parts of her kecamatan's list, all requested at once and added in their order;
     `current()` is false once the whole file has replaced the list. */
  function loadParts(base, names, results, current) {
    var section = document.getElementById("cari-hasil");
    var status = section.querySelector(".cari-memeriksa");
    var got = [];
    var next = 0;
    function progress() {
      status.querySelector(".cari-bagian").textContent = next + 1;
      status.querySelector(".cari-bagian-semua").textContent = names.length + 1;
    }
    if (!names.length) return results.done();
    progress();
    status.hidden = false;
    names.forEach(function (name, i) {
      load(base + name, function (part) {
        got[i] = part;
        while (current() && got[next]) {
          results.add(got[next]);
          got[next] = true;
          next += 1;
          if (next === names.length) return results.done();
          progress();
        }
      }, function () {
        if (!current()) return;
        status.hidden = true;
        section.querySelector(".cari-sebagian").hidden = false;
      });
    });
  }

  function start() {
    var form = document.getElementById("cari-form");
    if (!form || !document.createElement("template").content) return; /* keep the links */
    var select = form.querySelector("#cari-kelurahan");
    fillSelect(select);
    var answers = readAnswers(window.location.search);
    select.value = answers.kelurahan;
    if (select.value !== answers.kelurahan) answers.kelurahan = "";
    if (answers.usia !== null) form.querySelector("#cari-usia").value = answers.usia;
    ["jk", "dtks"].forEach(function (name) {
      var input = form.querySelector("input[name=" + name + "][value='" + answers[name] + "']");
      if (input) input.checked = true;
    });
    form.hidden = false;
    /* Empty answers stay out of the shared address. */
    form.addEventListener("submit", function () {
      var usia = form.querySelector("#cari-usia");
      if (!usia.value) usia.disabled = true;
    });
    if (!answers.kelurahan) return;
    document.body.classList.add("cari-dijawab");
    var base = form.getAttribute("data-data-kecamatan");
    var whole = { shown: false };
    load(base + answers.kelurahan.slice(0, 6) + ".json", function (data) {
      document.querySelector("#cari-hasil .cari-siapa").textContent = describeAnswers(form, answers);
      var results = new Results(data, answers, todayWib());
      results.add(data);
      loadParts(base, data.parts || [], results, function () { return !whole.shown; });
      whenAsked(form.getAttribute("data-data"), answers, data.others, whole);
    }, function () {
      document.getElementById("cari-gagal").hidden = false;
    });
  }

  /* The runs her address does not allow are listed (with every reason) from the whole file,
     fetched the first time she opens "Kenapa pelatihan lain tidak muncul?" (not needed when
     her kecamatan's list leaves no run out). */
  function whenAsked(url, answers, leftOut, whole) {
    var section = document.getElementById("cari-hasil");
    var details = section.querySelector(".cari-lain");
    var failed = section.querySelector(".cari-lain-gagal");
    var loading = false;
    details.addEventListener("toggle", function () {
      if (!details.open || loading || whole.shown || !leftOut) return;
      loading = true;
      failed.hidden = true;
      load(url, function (data) {
        loading = false;
        whole.shown = true;
        section.querySelector(".cari-memeriksa").hidden = true;
        section.querySelector(".cari-sebagian").hidden = true;
        var results = new Results(data, answers, todayWib());
        results.add(data);
        results.done();
      }, function () {
        loading = false;
        failed.hidden = false;
      });
    });
  }

  window.KatalogCari = { judge: judge, runsOf: runsOf, readAnswers: readAnswers };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
