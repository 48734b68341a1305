// The admin dashboard's live part. The page arrives complete from the server; this script polls
// /api/dashboard (same origin, the session cookie) and rewrites the numbers, tables and chart in
// place, shows times in the viewer's zone, and submits the view form when namespace or period change.
// It only ever sets textContent and attributes: names from counters are never parsed as HTML.
(function () {
  'use strict';

  var POLL_MS = 2000;
  var ZONE_KEY = 'livecount.zone';
  var page = new URL(window.location.href);
  var state = { zone: 'UTC', data: null, chart: null, timer: null, failures: 0 };

  function $(id) { return document.getElementById(id); }

  // --- time zones and time formats ---------------------------------------------------------------

  function validZone(zone) {
    if (!zone) return false;
    try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch (e) { return false; }
  }

  /** The URL's tz, else the one chosen before, else the browser's, else UTC. */
  function initialZone() {
    var candidates = [page.searchParams.get('tz'), localStorage.getItem(ZONE_KEY),
      Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC'];
    for (var i = 0; i < candidates.length; i++) if (validZone(candidates[i])) return candidates[i];
    return 'UTC';
  }

  function parts(date, zone) {
    var out = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit'
    }).formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }

  function isoWeek(p) {
    var day = new Date(Date.UTC(+p.year, +p.month - 1, +p.day));
    day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7)); // the week's Thursday decides the year
    var year = day.getUTCFullYear();
    var week = Math.ceil(((day - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return year + '-W' + String(week).padStart(2, '0');
  }

  /** The same names as Times.bucket on the server. */
  function bucketLabel(period, date, zone) {
    var p = parts(date, zone);
    var day = p.year + '-' + p.month + '-' + p.day;
    switch (period) {
      case 'second': return day + ' ' + p.hour + ':' + p.minute + ':' + p.second;
      case 'minute': case 'hour': return day + ' ' + p.hour + ':' + p.minute;
      case 'day': return day;
      case 'week': return isoWeek(p);
      case 'month': return p.year + '-' + p.month;
      case 'year': return p.year;
      default: return 'all time';
    }
  }

  function absolute(date, zone) {
    return bucketLabel('second', date, zone) + ' ' + zone;
  }

  /** The same wording as Times.relative on the server. */
  function relative(date, now) {
    var seconds = Math.trunc((now - date) / 1000);
    var ahead = seconds < 0;
    seconds = Math.abs(seconds);
    if (seconds < 1) return 'just now';
    var amount = seconds < 60 ? seconds + ' s' : seconds < 3600 ? Math.floor(seconds / 60) + ' min'
      : seconds < 86400 ? Math.floor(seconds / 3600) + ' h' : Math.floor(seconds / 86400) + ' d';
    return ahead ? 'in ' + amount : amount + ' ago';
  }

  function refreshTimes() {
    var now = Date.now();
    document.querySelectorAll('time.ago').forEach(function (t) {
      var date = new Date(t.getAttribute('datetime'));
      t.textContent = relative(date, now);
      t.title = absolute(date, state.zone);
    });
  }

  // --- names: invisible and direction-changing characters shown as escapes ------------------------

  var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

  function visible(name) {
    return name.replace(INVISIBLE, function (c) {
      return '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
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
      var link = el('a', null, visible(row.name));
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
      tr.appendChild(el('td', null, bucketLabel(state.data.period, new Date(b.start), zone)));
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

  /** Tick labels as on the rest of the page (24-hour clock, ISO dates); the date under a time when it changes. */
  function axisLabels(period, zone) {
    return function (u, splits) {
      var lastDay = null;
      return splits.map(function (ts) {
        var p = parts(new Date(ts * 1000), zone);
        var day = p.month + '-' + p.day;
        switch (period) {
          case 'second': case 'minute': case 'hour':
            var time = p.hour + ':' + p.minute + (period === 'second' ? ':' + p.second : '');
            var label = day !== lastDay ? time + '\n' + day : time;
            lastDay = day;
            return label;
          case 'day': return day;
          case 'week': return isoWeek(p);
          case 'month': return p.year + '-' + p.month;
          default: return p.year;
        }
      });
    };
  }

  function drawChart() {
    var box = $('chart');
    if (!box || typeof uPlot === 'undefined') return;
    var series = state.series || seriesFromTable();
    var xs = series.map(function (b) { return Date.parse(b.start) / 1000; });
    var ys = series.map(function (b) { return b.value; });
    var period = box.getAttribute('data-period');
    var zone = labelZone();
    box.setAttribute('data-last-value', ys.length ? String(ys[ys.length - 1]) : '');
    if (state.chart && state.chartZone === zone) {
      state.chart.setData([xs, ys]);
      return;
    }
    if (state.chart) state.chart.destroy();
    state.chartZone = zone;
    var step = xs.length > 1 ? xs[xs.length - 1] - xs[xs.length - 2] : 3600;
    state.chart = new uPlot({
      width: box.clientWidth,
      height: box.clientWidth < 500 ? 200 : 240,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), zone); },
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: function (u, min, max) { return [min - step * 0.6, max + step * 0.6]; } },
        y: { range: function (u, min, max) { return [0, Math.max(4, max * 1.1)]; } }
      },
      axes: [
        { stroke: '#4a5366', grid: { stroke: '#eceff4' }, ticks: { stroke: '#d8dce6' }, font: '12px system-ui, sans-serif',
          size: 52, values: axisLabels(period, zone) },
        { stroke: '#4a5366', grid: { stroke: '#eceff4' }, ticks: { stroke: '#d8dce6' }, font: '12px system-ui, sans-serif',
          size: 48, values: function (u, splits) { return splits.map(function (v) { return Number.isInteger(v) ? v.toLocaleString('en') : ''; }); } }
      ],
      series: [
        { label: period === 'day' || period === 'week' || period === 'month' || period === 'year' ? period : 'time (' + zone + ')',
          value: function (u, ts) { return ts === null ? '–' : bucketLabel(period, new Date(ts * 1000), zone); } },
        { label: 'clicks', stroke: '#2f5fc4', fill: 'rgba(61, 111, 214, 0.75)', width: 1,
          paths: uPlot.paths.bars({ size: [0.8, 48] }), points: { show: false },
          value: function (u, v) { return v === null ? '–' : v.toLocaleString('en'); } }
      ]
    }, [xs, ys], box);
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
      if (state.chart && box) state.chart.setSize({ width: box.clientWidth, height: box.clientWidth < 500 ? 200 : 240 });
    });
    setZone(initialZone(), false);
    setInterval(refreshTimes, 1000);
    poll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
