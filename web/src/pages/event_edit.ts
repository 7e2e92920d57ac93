// SPDX-License-Identifier: Apache-2.0
// The schedule's edit screen: the slot × table grid in which the organiser moves meetings (drag
// one onto a free table, or onto another meeting to swap the two; or click it, then its new
// place), locks and removes them, and sees at once which rules the edit breaks and what the
// objective gains or loses (POST /api/events/{id}/check). The edit is then kept as the event's
// schedule (PUT /api/events/{id}/schedule, refused while a rule is broken) or the unlocked
// meetings are scheduled again around the locked ones (POST /api/events/{id}/reoptimise).
// A meeting the organiser moves is locked: it was put there on purpose. Interpreters are left to
// the server: the checker finds one for every meeting whose parties share no language, and
// keeping or re-optimising names them.
import { postJson, putJson } from '../api';
import { errorBox, h } from '../dom';
import { t } from '../i18n';

export interface Meeting {
  k: string;
  f: string;
  slot: number;
  table: number;
  locked?: boolean;
  interpreter?: string;  // named by the server; a hand edit leaves it to the server
}
export interface ScheduleAnswer {
  objective: number;
  upper_bound?: number | null;
  meetings: Meeting[];
  feasible?: boolean;
  // Max-min schedules: the guaranteed level and what is known of the next one.
  fairness?: { guaranteed_meetings: number; next_level_status: string; participants_limited: Array<{ id: string; reach: number }> };
}
interface EditableEvent {
  id: string;
  slots: Array<{ id: number; start: string; end: string }>;
  tables_per_slot: number[];
}
interface CheckAnswer {
  feasible: boolean;
  violations: string[];
  objective: number;
  meetings: number;
  min_meetings: number;
}

// Reoptimisation gets the same time as a first schedule from the dashboard.
const kReoptimiseSeconds = 10;
// "meeting 3 (K0001-F0002, slot 4, table 2): ..." names the meeting a violation is about.
const kViolationPlace = /\(([^\s()]+)-([^\s()]+), slot (-?\d+), table (-?\d+)\)/;

function plain(m: Meeting): Meeting {
  const out: Meeting = { k: m.k, f: m.f, slot: m.slot, table: m.table };
  if (m.locked) out.locked = true;
  return out;
}

// `nameOf` shows a participant as people read it; `onNew` receives the schedule the server kept
// (saved or re-optimised) and redraws the page around it.
export function scheduleEditor(ev: EditableEvent, schedule: ScheduleAnswer,
  nameOf: (id: string) => string, onNew: (next: ScheduleAnswer) => Promise<void>): HTMLElement {
  // Shown with their interpreters; sent without (plain): the server assigns them.
  const shown = (m: Meeting): Meeting => (m.interpreter ? { ...plain(m), interpreter: m.interpreter } : plain(m));
  const saved = schedule.meetings.map(shown);
  let meetings = saved.map(shown);
  let selected: number | null = null;
  let edited = false;
  let checkNumber = 0;
  let broken = new Set<string>();
  const maxTables = Math.max(...ev.tables_per_slot, 0);
  const gridBox = h('div', { class: 'scroll' });
  const status = h('p', { id: 'edit-status', class: 'muted' }, t('editHelp'));
  const violations = h('ul', { id: 'edit-violations', class: 'violations' });
  const errors = h('div', { id: 'edit-error' });

  const cellKey = (m: Meeting) => `${m.k}|${m.f}|${m.slot}|${m.table}`;
  const at = (slot: number, table: number) =>
    meetings.findIndex((m) => m.slot === slot && m.table === table);

  const changed = async () => {
    edited = true;
    selected = null;
    render();
    await check();
  };
  const move = async (i: number, slot: number, table: number) => {
    const j = at(slot, table);
    if (j === i) return;
    // A moved meeting's interpreter is the server's to find again.
    if (j >= 0) {
      meetings[j] = { ...plain(meetings[j]), slot: meetings[i].slot, table: meetings[i].table, locked: true };
    }
    meetings[i] = { ...plain(meetings[i]), slot, table, locked: true };
    await changed();
  };
  const place = async (slot: number, table: number) => {
    if (selected === null) return;
    await move(selected, slot, table);
  };

  const render = () => {
    const head = h('tr', {}, h('th', {}, t('slot')),
      ...Array.from({ length: maxTables }, (_, i) => h('th', {}, `${t('tableNo')} ${i + 1}`)));
    const rows = ev.slots.map((s) => h('tr', {}, h('th', {}, `${s.start}–${s.end}`),
      ...Array.from({ length: maxTables }, (_, tb) => {
        if (tb >= (ev.tables_per_slot[s.id] ?? 0)) return h('td', { class: 'off' }, '');
        const i = at(s.id, tb);
        const target = {
          'data-slot': String(s.id),
          'data-table': String(tb),
          ondragover: (e: Event) => e.preventDefault(),
          ondrop: async (e: Event) => {
            e.preventDefault();
            // Only a meeting of this grid: anything else dropped here (a file, text) is ignored.
            const text = (e as DragEvent).dataTransfer?.getData('text/plain') ?? '';
            const from = /^\d+$/.test(text) ? Number(text) : -1;
            if (from >= 0 && from < meetings.length) await move(from, s.id, tb);
          },
        };
        if (i < 0) {
          return h('td', { ...target, class: selected === null ? 'free' : 'free target', onclick: () => place(s.id, tb) }, '');
        }
        const m = meetings[i];
        const classes = ['meet'];
        if (m.locked) classes.push('locked');
        if (selected === i) classes.push('selected');
        if (broken.has(cellKey(m))) classes.push('bad');
        const lock = h('button', {
          class: 'lock', type: 'button', title: m.locked ? t('unlock') : t('lock'),
          'aria-label': `${m.locked ? t('unlock') : t('lock')} ${m.k}-${m.f}`,
          onclick: async (e: Event) => {
            e.stopPropagation();
            meetings[i] = { ...m, locked: !m.locked };
            await changed();
          },
        }, m.locked ? '🔒' : '🔓');
        return h('td', {
          ...target, class: classes.join(' '), draggable: 'true', 'data-k': m.k, 'data-f': m.f,
          ondragstart: (e: Event) => (e as DragEvent).dataTransfer?.setData('text/plain', String(i)),
          onclick: async () => {
            if (selected === null) {
              selected = i;
              render();
            } else if (selected === i) {
              selected = null;
              render();
            } else {
              await move(selected, m.slot, m.table);
            }
          },
        }, h('span', {}, nameOf(m.k), h('br'), nameOf(m.f)),
        m.interpreter ? h('small', { class: 'interpreter', title: t('interpreter') }, ` 🗣 ${m.interpreter}`) : null,
        ' ', lock);
      })));
    gridBox.replaceChildren(h('table', { class: 'grid editable', id: 'schedule-grid' },
      h('thead', {}, head), h('tbody', {}, ...rows)));
    save.disabled = !edited || broken.size > 0 || violations.childElementCount > 0;
    discard.disabled = !edited;
    remove.disabled = selected === null;
  };

  // The server's checker on the edit as it stands; an answer to an older edit is dropped.
  const check = async () => {
    const number = ++checkNumber;
    errors.replaceChildren();
    try {
      const c = await postJson<CheckAnswer>(`/api/events/${ev.id}/check`, { meetings: meetings.map(plain) });
      if (number !== checkNumber) return;
      const delta = c.objective - schedule.objective;
      status.className = c.feasible ? 'ok' : 'warn';
      const change = t('editDelta').replace('{delta}', `${delta >= 0 ? '+' : ''}${delta}`)
        .replace('{saved}', String(schedule.objective));
      status.textContent = `${t('editedObjective')}: ${c.objective} (${change})`
        + ` · ${t('meetings')}: ${c.meetings} · ${c.feasible ? t('editNoViolation') : `${t('editViolations')}: ${c.violations.length}`}`;
      broken = new Set();
      for (const v of c.violations) {
        const found = kViolationPlace.exec(v);
        if (found) broken.add(`${found[1]}|${found[2]}|${found[3]}|${found[4]}`);
      }
      violations.replaceChildren(...c.violations.map((v) => h('li', { lang: 'en' }, v)));
      render();
    } catch (e) {
      if (number === checkNumber) errors.replaceChildren(errorBox(e));
    }
  };

  const act = async (work: () => Promise<ScheduleAnswer>) => {
    errors.replaceChildren();
    status.className = 'muted';
    status.textContent = t('loading');
    try {
      await onNew(await work());
    } catch (e) {
      status.textContent = '';
      errors.replaceChildren(errorBox(e));
    }
  };
  const reoptimise = h('button', {
    id: 'edit-reoptimise', type: 'button',
    onclick: () => act(() => postJson<ScheduleAnswer>(`/api/events/${ev.id}/reoptimise`,
      { meetings: meetings.map(plain), time_limit_seconds: kReoptimiseSeconds })),
  }, t('editReoptimise'));
  const save = h('button', {
    id: 'edit-save', type: 'button',
    onclick: () => act(() => putJson<ScheduleAnswer>(`/api/events/${ev.id}/schedule`, { meetings: meetings.map(plain) })),
  }, t('editSave'));
  const discard = h('button', {
    id: 'edit-discard', type: 'button', class: 'secondary',
    onclick: () => {
      meetings = saved.map(shown);
      selected = null;
      edited = false;
      broken = new Set();
      violations.replaceChildren();
      errors.replaceChildren();
      status.className = 'muted';
      status.textContent = t('editHelp');
      render();
    },
  }, t('editDiscard'));
  const remove = h('button', {
    id: 'edit-remove', type: 'button', class: 'secondary',
    onclick: async () => {
      if (selected === null) return;
      meetings.splice(selected, 1);
      await changed();
    },
  }, t('editRemove'));
  render();
  return h('div', { id: 'schedule-editor' }, status, violations, errors, gridBox,
    h('div', { class: 'buttons' }, reoptimise, save, remove, discard));
}
