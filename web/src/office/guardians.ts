// The parents section: find a parent by phone and see which of the school's pupils they are
// linked to. Linking is done from a pupil's panel («Ученики»), where the pupil is known.
import { api, ApiFailure } from '../common/api.js';
import { field, h, replace } from '../common/dom.js';
import { act, input, statusLine, table } from './shared.js';

interface Found {
  readonly id: string; readonly phone: string; readonly surname: string; readonly givenName: string;
  readonly children: ReadonlyArray<{ id: string; displayName: string; className: string }>;
}

export function guardiansSection(): HTMLElement {
  const status = statusLine();
  const phone = input({ type: 'tel', autocomplete: 'off', placeholder: '+79161234567', pattern: '\\+[1-9][0-9]{7,14}', required: true });
  const out = h('div');
  const go = h('button', { type: 'submit' }, 'Найти');
  const form = h('form', { class: 'card', role: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    void act(go, status, async () => {
      status.clear();
      try {
        const g = await api<Found>('GET', `/guardians?phone=${encodeURIComponent(phone.value.trim())}`);
        replace(out, h('h3', null, `${g.surname} ${g.givenName}`.trim()), h('p', null, g.phone),
          g.children.length === 0 ? h('p', null, 'Не привязан к ученикам вашей школы.')
            : table('Дети', ['Ученик', 'Класс'], g.children.map((c) => [c.displayName, c.className])));
      } catch (err) {
        if (err instanceof ApiFailure && err.code === 'API_NOT_FOUND') {
          replace(out, h('p', null, 'Родитель с этим телефоном не связан с учениками вашей школы. Привяжите его из карточки ученика по заявлению.'));
          return;
        }
        throw err;
      }
    });
  } }, h('h2', null, 'Найти родителя'), field('Телефон', phone, 'в формате +79161234567'), go, status.el);
  return h('section', { 'aria-label': 'Родители' }, form, out);
}
