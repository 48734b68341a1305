// The dashboard's bar chart: uPlot (served from /static, pinned in the demo's pom) with time axes
// labelled like the rest of the page, in a given zone.
window.LivecountChart = (function () {
  'use strict';

  var format = window.LivecountFormat;
  var AXIS = { stroke: '#4a5366', grid: { stroke: '#eceff4' }, ticks: { stroke: '#d8dce6' }, font: '12px system-ui, sans-serif' };

  /** Tick labels as on the rest of the page (24-hour clock, ISO dates); the date under a time when it changes. */
  function axisLabels(period, zone) {
    return function (u, splits) {
      var lastDay = null;
      return splits.map(function (ts) {
        var p = format.parts(new Date(ts * 1000), zone);
        var day = p.month + '-' + p.day;
        switch (period) {
          case 'second': case 'minute': case 'hour':
            var time = p.hour + ':' + p.minute + (period === 'second' ? ':' + p.second : '');
            var label = day !== lastDay ? time + '\n' + day : time;
            lastDay = day;
            return label;
          case 'day': return day;
          case 'week': return format.isoWeek(p);
          case 'month': return p.year + '-' + p.month;
          default: return p.year;
        }
      });
    };
  }

  function height(box) {
    return box.clientWidth < 500 ? 200 : 240;
  }

  /** A new chart in {@code box} of buckets of {@code period} (xs: epoch seconds), labelled in {@code zone}. */
  function create(box, xs, ys, period, zone) {
    var step = xs.length > 1 ? xs[xs.length - 1] - xs[xs.length - 2] : 3600;
    var longPeriod = period === 'day' || period === 'week' || period === 'month' || period === 'year';
    return new uPlot({
      width: box.clientWidth,
      height: height(box),
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), zone); },
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // half a bucket of room at both ends, so the first and last bars are whole
        x: { time: true, range: function (u, min, max) { return [min - step * 0.6, max + step * 0.6]; } },
        y: { range: function (u, min, max) { return [0, Math.max(4, max * 1.1)]; } }
      },
      axes: [
        Object.assign({ size: 52, values: axisLabels(period, zone) }, AXIS),
        Object.assign({ size: 48, values: function (u, splits) {
          return splits.map(function (v) { return Number.isInteger(v) ? v.toLocaleString('en') : ''; });
        } }, AXIS)
      ],
      series: [
        { label: longPeriod ? period : 'time (' + zone + ')',
          value: function (u, ts) { return ts === null ? '–' : format.bucketLabel(period, new Date(ts * 1000), zone); } },
        { label: 'clicks', stroke: '#2f5fc4', fill: 'rgba(61, 111, 214, 0.75)', width: 1,
          paths: uPlot.paths.bars({ size: [0.8, 48] }), points: { show: false },
          value: function (u, v) { return v === null ? '–' : v.toLocaleString('en'); } }
      ]
    }, [xs, ys], box);
  }

  function resize(chart, box) {
    chart.setSize({ width: box.clientWidth, height: height(box) });
  }

  return { create: create, resize: resize };
})();
