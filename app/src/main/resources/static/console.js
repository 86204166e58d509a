// The voicebot console: plain JS, no build. Everything it shows comes from /api with the bearer
// token when one is configured (kept in this tab's sessionStorage, never in a URL); live calls come
// from /api/live, read with fetch() because EventSource cannot send an Authorization header.
'use strict';

const TOKEN_KEY = 'voicebot.token';
const PAGE_SIZE = 20;
const STAGES = [ // [css name, label, start(turn), length(turn)]: all on one axis from the caller's last voiced frame
  ['endpoint', 'endpoint', () => 0, t => t.endpointMs],
  ['stt', 'recognition', t => n(t.endpointMs), t => t.sttMs],
  ['brain', 'brain', t => n(t.endpointMs) + n(t.sttMs), t => t.brainMs],
  ['tts', 'synthesis', t => n(t.endpointMs) + n(t.sttMs) + n(t.brainMs), t => t.ttsMs],
  ['response', 'to reply queued', () => 0, t => t.responseMs],
  ['playout', 'playout', t => n(t.responseMs), t => t.playoutMs],
  ['first-packet', 'to first packet', () => 0, t => t.firstPacketMs],
];
const SPEAKING = { GREETING: 'bot', SPEAKING: 'bot', ENDING: 'bot', LISTENING: 'caller', COLLECTING_DIGITS: 'caller' };

const $ = (sel, root = document) => root.querySelector(sel);
const n = v => (typeof v === 'number' ? v : 0);
const live = new Map(); // callId -> {call, state, lines: [], quality, ended}
let offset = 0;
let streamAbort = null;
let recordingUrl = null;
let started = false;

function token() { return sessionStorage.getItem(TOKEN_KEY); }

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (token()) headers.set('Authorization', 'Bearer ' + token());
  const res = await fetch(path, { ...options, headers, cache: 'no-store' });
  if (res.status === 401) throw new Unauthorized();
  return res;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

function time(v) {
  if (v == null) return '';
  const d = typeof v === 'number' ? new Date(v < 1e11 ? v * 1000 : v) : new Date(v);
  return d.toLocaleString();
}

function millisOf(v) {
  if (v == null) return null;
  return typeof v === 'number' ? (v < 1e11 ? v * 1000 : v) : Date.parse(v);
}

function fixed(v, digits) { return typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : '–'; }

function qualityText(q) {
  if (!q) return 'quality: not measured';
  return `jitter ${fixed(q.jitterMillis, 1)} ms · loss ${fixed(q.lossPercent, 1)} % · MOS ${fixed(q.mos, 2)}`;
}

// --- token -----------------------------------------------------------------------------------

function askForToken(message) {
  if (streamAbort) streamAbort.abort();
  $('#console').hidden = true;
  $('#token-form').hidden = false;
  $('#token-error').textContent = message || '';
  $('#token-input').focus();
}

async function start() {
  try {
    await loadTrunks();
  } catch (e) {
    if (e instanceof Unauthorized) {
      askForToken(token() ? 'That token was refused.' : '');
      if (token()) sessionStorage.removeItem(TOKEN_KEY);
      return;
    }
    throw e;
  }
  $('#token-form').hidden = true;
  $('#console').hidden = false;
  $('#token-forget').hidden = !token();
  stream();
  search();
  if (!started) setInterval(() => loadTrunks().catch(() => {}), 10000);
  started = true;
}

// --- trunks ----------------------------------------------------------------------------------

async function loadTrunks() {
  const trunks = await (await api('/api/trunks')).json();
  const body = $('#trunks tbody');
  body.replaceChildren(...trunks.map(t => el('tr', { 'data-trunk': t.trunk },
    el('td', {}, t.trunk), el('td', { class: 'state' }, t.state || ''),
    el('td', {}, time(t.expiresAt)), el('td', {}, reachability(t.reachability)),
    el('td', { class: 'error' }, t.lastError || ''))));
  $('#trunks-empty').hidden = trunks.length > 0;
}

function reachability(r) {
  if (r == null) return '';
  if (typeof r !== 'object') return String(r);
  return Object.entries(r).filter(([, v]) => v != null).map(([k, v]) => `${k}: ${v}`).join(', ');
}

// --- live calls ------------------------------------------------------------------------------

async function stream() {
  let backoff = 1000;
  for (;;) {
    streamAbort = new AbortController();
    setStatus('connecting', 'connecting…');
    try {
      const res = await api('/api/live', { headers: { Accept: 'text/event-stream' }, signal: streamAbort.signal });
      if (!res.ok || !res.body) throw new Error('live stream answered ' + res.status);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
          dispatch(block);
          backoff = 1000;
        }
      }
    } catch (e) {
      if (e instanceof Unauthorized) { askForToken('The token was refused.'); return; }
      if (e.name === 'AbortError') return;
    }
    setStatus('offline', 'offline, reconnecting');
    await new Promise(r => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, 15000);
  }
}

function setStatus(state, text) {
  const s = $('#live-status');
  s.dataset.state = state;
  s.textContent = text;
}

function dispatch(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue; // heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value; else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  setStatus('live', 'live');
  onEvent(event, JSON.parse(data.join('\n')));
}

function onEvent(type, e) {
  switch (type) {
    case 'snapshot':
      live.clear();
      for (const c of e.calls) live.set(c.call.callId, { call: c.call, state: c.state, lines: [...c.call.transcript] });
      break;
    case 'call-started':
      live.set(e.callId, { call: e.call, state: null, lines: [] });
      setTimeout(search, 700); // the list shows calls in progress too
      break;
    case 'state': entry(e.callId).state = e.state; break;
    case 'line': entry(e.callId).lines[e.seq] = e.line; break;
    case 'turn': break; // shown once the call has ended, with the whole record
    case 'quality': entry(e.callId).quality = e; break;
    case 'call-ended': {
      const c = entry(e.callId);
      c.ended = e.outcome || 'ended';
      c.state = 'ENDED';
      // The record reaches the database a moment after the call: refresh the list then.
      setTimeout(search, 700);
      setTimeout(() => { live.delete(e.callId); renderLive(); }, 4000);
      break;
    }
  }
  renderLive();
}

function entry(callId) {
  if (!live.has(callId)) live.set(callId, { call: { callId }, state: null, lines: [] });
  return live.get(callId);
}

function renderLive() {
  const box = $('#active-calls');
  box.replaceChildren(...[...live.values()].map(c => {
    const who = c.ended ? null : SPEAKING[c.state] || null;
    return el('div', { class: 'live-call' + (c.ended ? ' ended' : ''), 'data-call-id': c.call.callId },
      el('div', { class: 'head' },
        el('span', { class: 'from' }, c.call.from || ''), el('span', {}, '→ ' + (c.call.to || '')),
        el('span', { class: 'dialplan muted' }, c.call.dialplan || ''),
        el('span', { class: 'state' }, c.ended ? 'ended: ' + c.ended : c.state || 'answering'),
        el('span', { class: 'speaking', 'data-who': who || '' },
          who === 'bot' ? 'bot speaking' : who === 'caller' ? 'listening to the caller' : ''),
        el('span', { class: 'quality muted' }, qualityText(c.quality))),
      transcript(c.lines.filter(Boolean)));
  }));
  const active = [...live.values()].filter(c => !c.ended).length;
  $('#active-count').textContent = active;
  $('#active-empty').hidden = live.size > 0;
}

function transcript(lines, list = el('ol', { class: 'transcript' })) {
  list.replaceChildren(...lines.map(l => el('li', { class: 'line ' + String(l.speaker).toLowerCase() },
    el('span', { class: 'speaker' }, String(l.speaker).toLowerCase()), el('span', { class: 'text' }, l.text))));
  return list;
}

// --- finished calls --------------------------------------------------------------------------

async function search(event) {
  if (event) { event.preventDefault(); offset = 0; }
  const form = new FormData($('#search'));
  const q = new URLSearchParams({ limit: PAGE_SIZE, offset });
  for (const key of ['number', 'dialplan', 'outcome']) if (form.get(key)) q.set(key, form.get(key));
  for (const key of ['since', 'until']) if (form.get(key)) q.set(key, new Date(form.get(key)).toISOString());
  let res;
  try {
    res = await api('/api/calls?' + q);
  } catch (e) {
    if (e instanceof Unauthorized) askForToken('The token was refused.');
    return;
  }
  const total = Number(res.headers.get('X-Total-Count') || 0);
  const calls = await res.json();
  $('#calls tbody').replaceChildren(...calls.map(c => {
    const row = el('tr', { class: 'call-row', 'data-call-id': c.callId },
      el('td', {}, time(c.startedAt)), el('td', {}, c.from || ''), el('td', {}, c.to || ''),
      el('td', {}, c.dialplan || ''), el('td', {}, duration(c)), el('td', { class: 'outcome' }, c.outcome || 'active'),
      el('td', {}, String((c.turns || []).length)), el('td', {}, fixed(c.quality && c.quality.mos, 2)),
      el('td', { class: 'instance muted' }, c.instance || ''));
    row.addEventListener('click', () => openCall(c.callId));
    return row;
  }));
  $('#page-info').textContent = total ? `${offset + 1}–${offset + calls.length} of ${total}` : 'no calls';
  $('#prev').disabled = offset === 0;
  $('#next').disabled = offset + calls.length >= total;
}

function duration(c) {
  const a = millisOf(c.startedAt), b = millisOf(c.endedAt);
  return a && b ? Math.round((b - a) / 1000) + ' s' : '';
}

async function openCall(callId) {
  const res = await api('/api/calls/' + encodeURIComponent(callId));
  if (!res.ok) return;
  const c = await res.json();
  const box = $('#call-detail');
  box.hidden = false;
  box.dataset.callId = callId;
  document.querySelectorAll('tr.call-row').forEach(r => r.classList.toggle('selected', r.dataset.callId === callId));
  $('.call-id', box).textContent = callId;
  $('.summary', box).textContent = `${c.from} → ${c.to} (${c.dialplan}) · ${time(c.startedAt)} · ${duration(c)} · `
    + `${c.outcome || 'active'}${c.endReason ? ' (' + c.endReason + ')' : ''}`;
  $('.quality', box).textContent = qualityText(c.quality);
  renderRecording(c, $('.recording', box));
  renderWaterfall(c.turns || [], $('.waterfall', box));
  transcript(c.transcript || [], $('.transcript', box));
  $('.events', box).replaceChildren(...(c.events || []).map(e =>
    el('li', {}, `${time(e.at)} ${e.kind}${e.detail ? ': ' + e.detail : ''}`)));
  box.scrollIntoView({ block: 'start' });
}

/**
 * Without a token the audio element streams the recording itself (and can seek); with one it
 * cannot send the header, so the file is fetched with it and played from memory.
 */
async function renderRecording(c, box) {
  if (recordingUrl) { URL.revokeObjectURL(recordingUrl); recordingUrl = null; }
  if (!c.recording) { box.replaceChildren(el('p', { class: 'muted' }, 'Not recorded.')); return; }
  const path = '/api/calls/' + encodeURIComponent(c.callId) + '/recording.wav';
  const audio = el('audio', { id: 'recording', controls: true, preload: 'metadata', 'data-recording': path });
  box.replaceChildren(audio, el('span', { class: 'muted' }, ' caller left, bot right'));
  if (!token()) { audio.src = path; return; }
  const res = await api(path);
  if (!res.ok) return;
  recordingUrl = URL.createObjectURL(await res.blob());
  audio.src = recordingUrl;
}

function renderWaterfall(turns, box) {
  if (turns.length === 0) { box.replaceChildren(el('p', { class: 'muted' }, 'No turns.')); return; }
  const end = t => Math.max(...STAGES.map(([, , s, l]) => (l(t) == null ? 0 : s(t) + l(t))));
  const span = Math.max(100, ...turns.map(end));
  const step = span > 4000 ? 1000 : span > 1500 ? 500 : span > 600 ? 200 : 100;
  const left = 110, width = 480, row = 14, top = 4, room = 50; // room: the last bar's figure
  const x = ms => left + (ms / span) * width;
  box.replaceChildren(...turns.map((t, i) => {
    const height = top + STAGES.length * row + 16;
    const chart = svg('svg', { class: 'turn', viewBox: `0 0 ${left + width + room} ${height}`, 'data-turn': i + 1 });
    const axis = svg('g', { class: 'axis' });
    for (let ms = 0; ms <= span; ms += step) {
      axis.append(svg('line', { x1: x(ms), x2: x(ms), y1: top, y2: height - 12 }),
        svg('text', { x: x(ms), y: height - 2, 'text-anchor': 'middle' }, ms + (ms === 0 ? ' ms' : '')));
    }
    chart.append(axis);
    STAGES.forEach(([name, label, start, length], k) => {
      const y = top + k * row;
      chart.append(svg('text', { x: 0, y: y + 10 }, label));
      const ms = length(t);
      if (ms == null) return;
      const bar = svg('rect', { class: 'bar stage-' + name, 'data-stage': name, x: x(start(t)), y: y + 2,
        width: Math.max(1, (ms / span) * width), height: row - 4, rx: 2 });
      bar.append(svg('title', {}, `${label}: ${ms} ms`));
      chart.append(bar, svg('text', { x: x(start(t) + ms) + 3, y: y + 10 }, ms + ''));
    });
    const heard = t.callerText ? `“${t.callerText}”` : '(no caller words: the greeting, a key or silence)';
    return el('div', { class: 'turn-box' },
      el('div', { class: 'turn-title' }, `Turn ${i + 1}: ${heard} → ${t.intent || '–'}`), chart);
  }));
  $('.legend').replaceChildren(...STAGES.map(([name, label]) => {
    const swatch = svg('svg', { viewBox: '0 0 10 10' });
    swatch.append(svg('rect', { class: 'stage-' + name, width: 10, height: 10 }));
    return el('span', {}, swatch, label);
  }));
}

// --- wiring ----------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('#token-form').addEventListener('submit', e => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('#token-input').value.trim());
    $('#token-input').value = '';
    start();
  });
  $('#token-forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    location.reload();
  });
  // A page kept in the back-forward cache would otherwise keep its stream (and a server thread)
  // open while nobody looks at it.
  window.addEventListener('pagehide', () => { if (streamAbort) streamAbort.abort(); });
  window.addEventListener('pageshow', e => { if (e.persisted && started) stream(); });
  $('#search').addEventListener('submit', search);
  $('#prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); search(); });
  $('#next').addEventListener('click', () => { offset += PAGE_SIZE; search(); });
  $('#detail-close').addEventListener('click', () => { $('#call-detail').hidden = true; });
  start();
});
