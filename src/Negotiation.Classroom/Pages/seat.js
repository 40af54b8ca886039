// The seat page: renders the seat's view from the API (every text through textContent, never as markup) and
// posts the person's moves. The view arrives live (server-sent events), without reloading.
const code = location.pathname.split('/').pop();
const $ = id => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
let view = null, asked = null, draft = {}, streaming = false;

function worth(terms) {
  let sum = 0;
  for (const t of view.brief.terms) { const o = t.options.find(o => o.option === terms[t.term]); if (o) sum += o.worth; }
  return sum;
}

async function send(moves) {
  const r = await fetch(`/api/seats/${code}/moves`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ round: view.waiting.round, moves }) });
  const box = $('asked');
  // Live, the stream pushes the view with the moves taken; a GET of our own could answer after a newer push
  // and leave the page showing an older round.
  if (r.status === 202) { asked = null; if (!streaming) await refresh(); return; }
  const body = await r.json().catch(() => ({ errors: ['the server did not answer'] }));
  const p = el('p', (body.errors || []).join('; '), 'error'); box.appendChild(p);
}

function termsTable(terms) {
  const table = el('table');
  for (const [term, option] of Object.entries(terms || {})) { const tr = el('tr'); tr.append(el('th', term), el('td', option)); table.appendChild(tr); }
  return table;
}

function renderNegotiations() {
  const root = $('negotiations'); root.replaceChildren();
  for (const n of view.negotiations) {
    const box = el('div', undefined, 'negotiation');
    box.appendChild(el('h3', `With ${n.with} (${n.status})`));
    if (n.theirStandingOffer) {
      box.appendChild(el('p', `Their standing offer, round ${n.theirStandingOffer.round}: worth `));
      box.lastChild.appendChild(el('span', n.theirStandingOffer.worth.toFixed(3), 'worth'));
      box.lastChild.append(' to you' + (n.theirStandingOffer.crossesYourRedLines.length ? `; crosses your red lines ${n.theirStandingOffer.crossesYourRedLines.join(', ')}` : ''));
      box.appendChild(termsTable(n.theirStandingOffer.terms));
    }
    if (n.yourStandingOffer) box.appendChild(el('p', `Your standing offer (round ${n.yourStandingOffer.round}) is worth ${n.yourStandingOffer.worth.toFixed(3)} to you.`));
    if (n.threat) box.appendChild(el('p', `A designation threat stands until round ${n.threat.deadlineRound}: respect ${n.threat.redLines.join(', ')}.`));
    if (n.agreement) { box.appendChild(el('p', 'Signed:')); box.appendChild(termsTable(n.agreement)); }
    if (view.waiting && view.waiting.kind === 'moves' && n.status === 'open') box.appendChild(builder(n));
    root.appendChild(box);
  }
}

function builder(n) {
  const form = el('form'); form.onsubmit = e => e.preventDefault();
  const terms = draft[n.vendor] || (draft[n.vendor] = Object.fromEntries(view.brief.terms.map(t => [t.term, (n.yourStandingOffer || {}).terms?.[t.term] || t.options[0].option])));
  const shows = el('p'); const update = () => { shows.textContent = `This offer is worth ${worth(terms).toFixed(3)} to you.`; };
  for (const t of view.brief.terms) {
    const label = el('label', `${t.label || t.term}: `); const select = el('select'); select.name = t.term;
    for (const o of t.options) { const opt = el('option', `${o.option} (worth ${o.worth.toFixed(3)})`); opt.value = o.option; opt.selected = terms[t.term] === o.option; select.appendChild(opt); }
    select.onchange = () => { terms[t.term] = select.value; update(); };
    label.appendChild(select); form.appendChild(label); form.appendChild(el('br'));
  }
  update(); form.appendChild(shows);
  const vendor = view.brief.isAgency ? n.vendor : undefined;
  const offer = el('button', 'Send this offer'); offer.onclick = () => send([{ vendor, kind: 'offer', terms }]);
  const accept = el('button', 'Accept their offer'); accept.onclick = () => { if (confirm('Sign these terms?')) send([{ vendor, kind: 'accept' }]); };
  const pass = el('button', 'Pass'); pass.onclick = () => send([{ vendor, kind: 'pass' }]);
  form.append(offer, accept, pass);
  return form;
}

function renderAsked() {
  const box = $('asked'); box.replaceChildren();
  if (!view.waiting) { box.hidden = true; return; }
  box.hidden = false;
  if (view.waiting.kind === 'moves') { box.appendChild(el('p', `Round ${view.waiting.round}: your move. Make it in each negotiation below; a negotiation you leave is a pass.`)); }
  if (view.waiting.until) { const left = el('p', '', 'timer'); left.dataset.until = view.waiting.until; box.appendChild(left); tick(); }
  if (view.waiting.kind === 'answer_threat') {
    box.appendChild(el('p', 'You are threatened with a supply chain risk designation. Your answer:'));
    for (const [answer, label] of [['hold', 'Hold your red lines'], ['walk_away', 'Walk away']]) { const b = el('button', label); b.onclick = () => send([{ kind: 'answer_threat', answer }]); box.appendChild(b); }
    const droppable = view.brief.redLines.filter(l => !l.firm);
    if (droppable.length) { const b = el('button', `Concede: drop ${droppable.map(l => l.id).join(', ')}`); b.onclick = () => send([{ kind: 'answer_threat', answer: 'concede', dropped: droppable.map(l => l.id) }]); box.appendChild(b); }
  }
  if (view.waiting.kind === 'answer_designation') {
    box.appendChild(el('p', 'You are designated a supply chain risk. Your answer:'));
    for (const [answer, label] of [['litigate', 'Sue'], ['accept', 'Accept it'], ['exit', 'Leave the market']]) { const b = el('button', label); b.onclick = () => send([{ kind: 'answer_designation', answer }]); box.appendChild(b); }
  }
  const say = el('form'); const text = el('input'); text.placeholder = 'a public statement'; text.size = 50;
  const b = el('button', 'Say it'); b.onclick = e => { e.preventDefault(); if (text.value.trim()) send([{ kind: 'statement', text: text.value }]); };
  if (view.waiting.kind === 'moves') { say.append(text, b); box.appendChild(say); }
}

// The round timer: when it runs out, the computer moves for you as your party's policy would.
function tick() {
  for (const t of document.querySelectorAll('.timer')) {
    const seconds = Math.max(0, Math.round((Date.parse(t.dataset.until) - Date.now()) / 1000));
    t.textContent = `${seconds} s left; then the computer moves for you.`;
  }
}
setInterval(tick, 1000);

function renderBrief() {
  const root = $('brief'); root.replaceChildren();
  const b = view.brief;
  root.appendChild(el('p', `${b.name}: reservation ${b.reservation} (you sign nothing worth less to you), strategy ${b.strategy}.`));
  const table = el('table'); const head = el('tr'); head.append(el('th', 'term'), el('th', 'share'), el('th', 'options: value (worth)')); table.appendChild(head);
  for (const t of b.terms) { const tr = el('tr'); tr.append(el('td', t.label || t.term), el('td', t.share.toFixed(2)), el('td', t.options.map(o => `${o.option}: ${o.value} (${o.worth.toFixed(3)})`).join('; '))); table.appendChild(tr); }
  root.appendChild(table);
  const lines = el('ul');
  for (const l of b.redLines) lines.appendChild(el('li', `${l.reason || l.id} (${l.id}): ${l.require ? 'require ' + l.require.join(', ') : 'never ' + l.forbid.join(', ')} on ${l.term}${l.firm ? ', firm' : ', may be dropped'}${l.droppedWith.length ? '; dropped with ' + l.droppedWith.join(', ') : ''}`));
  root.appendChild(lines);
}

function render() {
  $('title').textContent = `${view.brief.name}, group ${view.group}`;
  $('status').textContent = view.concluded ? `The run has concluded (round ${view.round}).` : view.waiting ? `Round ${view.waiting.round}: waiting for you.` : `Round ${view.round} played; waiting for the others.`;
  renderAsked(); renderNegotiations(); renderBrief();
  const feed = $('public'); feed.replaceChildren();
  for (const p of view.public) feed.appendChild(el('li', `Round ${p.round}: ${p.kind.replaceAll('_', ' ')}${p.party ? ' by ' + p.party : ''}${p.vendor ? ' (' + p.vendor + ')' : ''}${p.text ? ': ' + p.text : ''}`));
  const allowed = $('allowed'); allowed.replaceChildren();
  for (const m of view.allowed) allowed.appendChild(el('li', `${m.kind.replaceAll('_', ' ')}${m.vendor && view.brief.isAgency ? ' with ' + m.vendor : ''}${m.redLine ? ' ' + m.redLine : ''}${m.allowed ? '' : ': no, ' + m.reason}`, m.allowed ? '' : 'refused'));
}

async function refresh() {
  const r = await fetch(`/api/seats/${code}`);
  if (!r.ok) { $('status').textContent = r.status === 404 ? 'No seat with this code.' : 'The server is busy; retrying.'; return; }
  show(await r.json());
}

// Live: the server pushes the view whenever it changes; should the stream fail, the page polls instead.
function show(next) {
  const changed = !view || JSON.stringify(next) !== JSON.stringify(view);
  view = next;
  if (changed) render();
}

if (window.EventSource) {
  const live = new EventSource(`/api/seats/${code}/live`);
  live.onopen = () => { streaming = true; };
  live.onmessage = e => show(JSON.parse(e.data));
  live.onerror = () => { streaming = false; live.close(); refresh(); setInterval(refresh, 1500); };
} else {
  refresh(); setInterval(refresh, 1500);
}
