// The admin dashboard's live part (loaded after dashboard-format.js and dashboard-chart.js). The
// page arrives complete from the server; this script polls /api/dashboard (same origin, the session
// cookie) and rewrites the numbers, tables and chart in place, shows times in the viewer's zone, and
// submits the view form when namespace or period change.
// It only ever sets textContent and attributes: names from counters are never parsed as HTML.
(function () {
  'use strict';

  var format = window.LivecountFormat;
  var POLL_MS = 2000;
  var ZONE_KEY = 'livecount.zone';
  var page = new URL(window.location.href);
  var state = { zone: 'UTC', data: null, chart: null, timer: null, failures: 0 };

  function $(id) { return document.getElementById(id); }

  // --- time zones and time formats ---------------------------------------------------------------

  function initialZone() {
    var candidates = [page.searchParams.get('tz'), localStorage.getItem(ZONE_KEY),
      Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC'];
    for (var i = 0; i < candidates.length; i++) if (format.validZone(candidates[i])) return candidates[i];
    return 'UTC';
  }

  function refreshTimes() {
    var now = Date.now();
    document.querySelectorAll('time.ago').forEach(function (t) {
      var date = new Date(t.getAttribute('datetime'));
      t.textContent = format.relative(date, now);
      t.title = format.absolute(date, state.zone);
    });
  }

  // --- building rows ------------------------------------------------------------------------------

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function adminUrl(params) {
    var url = new URL('/admin', window.location.origin);
    Object.keys(params).forEach(function (k) { if (params[k]) url.searchParams.set(k, params[k]); });
    if (page.searchParams.get('tz')) url.searchParams.set('tz', state.zone);
    return url.pathname + url.search;
  }

  function trendCell(tag, row) {
    var cell = el(tag, 'num trend ' + row.direction, row.trend);
    cell.title = row.explanation;
    return cell;
  }

  function fillTable(table, rows, ranked, previous) {
    var before = {};
    (previous || []).forEach(function (r) { before[r.name] = r.value; });
    var body = document.createElement('tbody');
    rows.forEach(function (row, i) {
      var tr = el('tr');
      if (ranked) tr.appendChild(el('td', 'rank', String(i + 1)));
      var key = el('td', 'key');
      var link = el('a', null, format.visible(row.name));
      link.href = adminUrl({ ns: state.data.namespace, period: state.data.period, key: row.name });
      key.appendChild(link);
      tr.appendChild(key);
      var value = el('td', 'num value', String(row.value));
      if (previous && before[row.name] !== undefined && before[row.name] !== row.value) value.classList.add('changed');
      tr.appendChild(value);
      tr.appendChild(trendCell('td', row));
      body.appendChild(tr);
    });
    if (rows.length === 0) {
      var empty = el('tr', 'empty');
      var cell = el('td', null, table.getAttribute('data-empty'));
      cell.colSpan = 4;
      empty.appendChild(cell);
      body.appendChild(empty);
    }
    table.replaceChild(body, table.tBodies[0]);
  }

  function setNumber(id, value) {
    var e = $(id);
    if (!e) return;
    var text = String(value);
    if (e.textContent !== text) {
      e.textContent = text;
      e.classList.remove('changed');
      void e.offsetWidth; // restart the highlight
      e.classList.add('changed');
    }
  }

  // --- applying an answer -------------------------------------------------------------------------

  function apply(data) {
    var before = state.data;
    state.data = data;
    if ($('top-table')) fillTable($('top-table'), data.top, true, before && before.top);
    if ($('list-table')) fillTable($('list-table'), data.list.rows, false, before && before.list.rows);
    var next = $('next-page');
    if (next && data.list.next) {
      next.href = adminUrl({ ns: data.namespace, period: data.period, key: page.searchParams.get('key'),
        prefix: page.searchParams.get('prefix'), after: data.list.next });
    }
    if (data.counter) applyCounter(data.counter);
    applyWriteBack(data.writeBack);
    var live = $('live');
    live.setAttribute('data-state', 'live');
    live.replaceChildren(document.createTextNode('Live · updated '), timeElement(data.at));
    refreshTimes();
  }

  function applyCounter(counter) {
    counter.values.forEach(function (v) {
      setNumber('count-' + v.period, v.value);
      var card = document.querySelector('.card[data-period="' + v.period + '"] .trend');
      if (card) {
        card.className = 'num trend ' + v.direction;
        card.textContent = v.trend;
        card.title = v.explanation;
      }
    });
    state.series = counter.series;
    drawChart();
    var table = $('series-table');
    if (!table) return;
    var body = document.createElement('tbody');
    var zone = labelZone();
    counter.series.forEach(function (b) {
      var tr = el('tr');
      tr.setAttribute('data-start', b.start);
      tr.appendChild(el('td', null, format.bucketLabel(state.data.period, new Date(b.start), zone)));
      tr.appendChild(el('td', 'num', String(b.value)));
      body.appendChild(tr);
    });
    table.replaceChild(body, table.tBodies[0]);
  }

  function applyWriteBack(wb) {
    if (!wb.fast) return; // the page says FAST is off; nothing here changes
    setNumber('pending-counters', wb.pendingCounters);
    setNumber('pending-total', wb.pendingTotal);
    setNumber('oldest-pending', wb.oldestPendingMillis === null ? '-' : wb.oldestPendingMillis + ' ms');
    setNumber('failures', wb.consecutiveFailures);
    setNumber('flushed-rows', wb.flushedRows);
    setNumber('flush-statements', wb.flushStatements);
    var last = $('last-flush');
    if (last && wb.lastSuccessfulFlush) last.replaceChildren(timeElement(wb.lastSuccessfulFlush));
  }

  function timeElement(iso) {
    var t = el('time', 'ago');
    t.setAttribute('datetime', iso);
    return t;
  }

  // --- the chart (uPlot) --------------------------------------------------------------------------

  function labelZone() {
    var chart = $('chart');
    var viewer = !chart || chart.getAttribute('data-viewer-zone') === 'true';
    return viewer ? state.zone : $('tz').getAttribute('data-bucket-zone');
  }

  function seriesFromTable() {
    var rows = document.querySelectorAll('#series-table tbody tr');
    return Array.prototype.map.call(rows, function (tr) {
      return { start: tr.getAttribute('data-start'), value: +tr.cells[1].textContent };
    });
  }

  function drawChart() {
    var box = $('chart');
    if (!box || typeof uPlot === 'undefined') return;
    var series = state.series || seriesFromTable();
    var xs = series.map(function (b) { return Date.parse(b.start) / 1000; });
    var ys = series.map(function (b) { return b.value; });
    var zone = labelZone();
    box.setAttribute('data-last-value', ys.length ? String(ys[ys.length - 1]) : '');
    if (state.chart && state.chartZone === zone) {
      state.chart.setData([xs, ys]);
      return;
    }
    if (state.chart) state.chart.destroy();
    state.chartZone = zone;
    state.chart = window.LivecountChart.create(box, xs, ys, box.getAttribute('data-period'), zone);
  }

  // --- zone switching, form, polling ----------------------------------------------------------------

  function setZone(zone, remember) {
    state.zone = zone;
    var select = $('tz');
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === zone; })) {
      select.add(new Option(zone.replace(/_/g, ' '), zone), 1);
    }
    select.value = zone;
    if (remember) {
      localStorage.setItem(ZONE_KEY, zone);
      page.searchParams.set('tz', zone);
      history.replaceState(null, '', page.pathname + page.search);
    }
    var exportLink = $('export-series');
    if (exportLink) {
      var url = new URL(exportLink.href);
      url.searchParams.set('tz', zone);
      exportLink.href = url.pathname + url.search;
    }
    document.documentElement.setAttribute('data-zone', zone);
    if (state.data && state.data.counter) applyCounter(state.data.counter);
    else drawChart();
    refreshTimes();
  }

  function poll() {
    var query = new URLSearchParams();
    ['ns', 'period', 'key', 'prefix', 'after'].forEach(function (k) {
      var v = page.searchParams.get(k);
      if (v) query.set(k, v);
    });
    fetch('/api/dashboard?' + query, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401) throw new Error('session');
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) { state.failures = 0; apply(data); })
      .catch(function (error) {
        state.failures++;
        var live = $('live');
        live.setAttribute('data-state', 'error');
        live.textContent = error.message === 'session' ? 'Logged out: reload to log in again' : 'Connection lost, retrying…';
      })
      .finally(schedule);
  }

  function schedule() {
    clearTimeout(state.timer);
    if (document.hidden) return; // resumes on visibilitychange
    state.timer = setTimeout(poll, Math.min(POLL_MS * Math.pow(2, state.failures), 30000));
  }

  function start() {
    document.documentElement.classList.add('js');
    var form = $('controls');
    ['ns', 'period'].forEach(function (id) {
      $(id).addEventListener('change', function () { form.submit(); });
    });
    $('tz').addEventListener('change', function (e) { setZone(e.target.value, true); });
    document.addEventListener('visibilitychange', function () { if (!document.hidden) poll(); });
    window.addEventListener('resize', function () {
      var box = $('chart');
      if (state.chart && box) window.LivecountChart.resize(state.chart, box);
    });
    setZone(initialZone(), false);
    setInterval(refreshTimes, 1000);
    poll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
