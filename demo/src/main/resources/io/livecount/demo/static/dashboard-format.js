// Time and name formats of the admin dashboard, shared by its scripts: the same wording and bucket
// names as the server's Times class, in any IANA zone through Intl.
window.LivecountFormat = (function () {
  'use strict';

  function validZone(zone) {
    if (!zone) return false;
    try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch (e) { return false; }
  }

  /** The URL's tz, else the one chosen before, else the browser's, else UTC. */
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

  var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

  function visible(name) {
    return name.replace(INVISIBLE, function (c) {
      return '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    });
  }

  return { validZone: validZone, parts: parts, isoWeek: isoWeek, bucketLabel: bucketLabel,
    absolute: absolute, relative: relative, visible: visible };
})();
