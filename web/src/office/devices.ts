// The devices section: the school's turnstiles and canteen readers by name and place, each
// renamed, moved, disabled or enabled; a new device is provisioned and its secret shown once.
import { api } from '../common/api.js';
import { field, h, replace } from '../common/dom.js';
import { DEVICE_KINDS } from '../common/words.js';
import { act, input, loadDevices, select, statusLine, type Device, type Office } from './shared.js';

export function devicesSection(office: Office): HTMLElement {
  const status = statusLine();
  const list = h('div', { class: 'device-list' });
  const secret = h('div', { 'aria-live': 'polite' });
  const refresh = async () => {
    await loadDevices(office);
    const devices = [...office.devices.values()].sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id, 'ru', { numeric: true }));
    replace(list, devices.length === 0 ? h('p', null, 'Устройств нет.') : h('ul', { class: 'devices' }, ...devices.map((d) => deviceItem(office, d, status, refresh))));
  };
  void act(null, status, refresh);
  const kind = select(DEVICE_KINDS, 'turnstile');
  const name = input({ maxlength: 64, autocomplete: 'off', placeholder: 'Турникет 1' });
  const place = input({ maxlength: 64, autocomplete: 'off', placeholder: 'главный вход' });
  const go = h('button', { type: 'submit' }, 'Добавить устройство');
  const form = h('form', { class: 'card', onsubmit: (ev) => {
    ev.preventDefault();
    void act(go, status, async () => {
      const r = await api<{ device: Device; secretHex: string }>('POST', `/schools/${office.school.id}/devices`,
        { kind: kind.value, name: name.value.trim(), place: place.value.trim() });
      name.value = '';
      place.value = '';
      replace(secret, h('div', { class: 'notice notice-info secret', role: 'status' },
        h('p', null, h('strong', null, 'Секрет устройства показывается один раз. '), 'Введите его в настройки устройства сейчас:'),
        h('code', { class: 'secret-hex' }, r.secretHex),
        h('button', { type: 'button', class: 'secondary', onclick: () => replace(secret) }, 'Я сохранил(а) секрет')));
      await refresh();
    });
  } }, h('h2', null, 'Новое устройство'), h('div', { class: 'row' }, field('Вид', kind), field('Название', name), field('Где стоит', place)), go, secret);
  return h('section', { 'aria-label': 'Устройства' }, status.el, h('h2', null, 'Устройства школы'), list, office.registrar ? form : null);
}

function deviceItem(office: Office, d: Device, status: ReturnType<typeof statusLine>, refresh: () => Promise<void>): HTMLElement {
  const name = input({ value: d.name, maxlength: 64, autocomplete: 'off' });
  const place = input({ value: d.place, maxlength: 64, autocomplete: 'off' });
  const save = h('button', { type: 'submit' }, 'Сохранить');
  const toggle = h('button', { type: 'button', class: d.enabled ? 'danger' : 'secondary', onclick: () => void act(toggle, status, async () => {
    await api('PATCH', `/devices/${d.id}`, { enabled: !d.enabled });
    await refresh();
    status.ok(d.enabled ? 'Устройство отключено: соединение закрыто.' : 'Устройство включено.');
  }) }, d.enabled ? 'Отключить' : 'Включить');
  const title = `${d.name || DEVICE_KINDS[d.kind] || d.kind}${d.place === '' ? '' : ` — ${d.place}`}`;
  return h('li', { class: `card device${d.enabled ? '' : ' off'}` },
    h('h3', null, title),
    h('p', { class: 'lead' }, `${DEVICE_KINDS[d.kind] ?? d.kind}, ${d.enabled ? 'включено' : 'отключено'}`),
    office.registrar ? h('form', { onsubmit: (ev) => {
      ev.preventDefault();
      void act(save, status, async () => {
        await api('PATCH', `/devices/${d.id}`, { name: name.value.trim(), place: place.value.trim() });
        await refresh();
        status.ok('Название и место сохранены.');
      });
    } }, h('div', { class: 'row' }, field('Название', name), field('Где стоит', place)), h('span', { class: 'actions' }, save, toggle)) : null);
}
