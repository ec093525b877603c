// The school office page (docs/console.md, «School office»): the school's roster, persons with
// their cards, parents and benefits, devices, the day's purchases and refunds, and the menu, in
// tabs. School operators see the registry parts; catering sees the menu and refunds; the city
// administrator sees everything and picks the school.
import { api, type Session } from '../common/api.js';
import { field, h, replace, tabKeys } from '../common/dom.js';
import { startPage } from '../common/shell.js';
import { catalogSection } from './catalog.js';
import { devicesSection } from './devices.js';
import { guardiansSection } from './guardians.js';
import { personsSection } from './persons.js';
import { refundsSection } from './refunds.js';
import { rosterSection } from './roster.js';
import { loadDevices, type Office, type School } from './shared.js';

interface Tab { readonly id: string; readonly title: string; readonly build: (o: Office) => HTMLElement }

const REGISTRY_TABS: readonly Tab[] = [
  { id: 'persons', title: 'Ученики и сотрудники', build: personsSection },
  { id: 'roster', title: 'Загрузка списка', build: rosterSection },
  { id: 'guardians', title: 'Родители', build: () => guardiansSection() },
  { id: 'devices', title: 'Устройства', build: devicesSection },
];
const CANTEEN_TABS: readonly Tab[] = [
  { id: 'refunds', title: 'Покупки и возвраты', build: refundsSection },
  { id: 'menu', title: 'Меню', build: catalogSection },
];

await startPage({ title: 'Канцелярия школы', roles: ['school_operator', 'catering_operator', 'city_admin'], render: async (main, session) => {
  const schools = (await api<{ items: School[] }>('GET', '/schools')).items;
  if (schools.length === 0) { replace(main, h('p', null, 'Нет доступных школ.')); return; }
  const area = h('div');
  const chooser = h('select', null, ...schools.map((s) => h('option', { value: s.id }, s.name)));
  const pick = () => void openSchool(area, session, schools.find((s) => s.id === chooser.value) ?? schools[0]!);
  chooser.addEventListener('change', pick);
  replace(main, schools.length > 1 ? h('div', { class: 'school-pick' }, field('Школа', chooser)) : h('p', { class: 'lead' }, schools[0]!.name), area);
  pick();
} });

async function openSchool(area: HTMLElement, session: Session, school: School): Promise<void> {
  const registrar = session.role !== 'catering_operator';
  const office: Office = { school, role: session.role, devices: new Map(), registrar };
  await loadDevices(office);
  const tabs = [...(registrar ? REGISTRY_TABS : []), ...CANTEEN_TABS];
  const panel = h('div', { role: 'tabpanel', id: 'office-panel', tabindex: -1 });
  const buttons = tabs.map((t) => h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': 'office-panel', 'aria-selected': 'false',
    onclick: () => show(t) }, t.title));
  const show = (t: Tab) => {
    for (const b of buttons) b.setAttribute('aria-selected', String(b.id === `tab-${t.id}`));
    panel.setAttribute('aria-labelledby', `tab-${t.id}`);
    replace(panel, t.build(office));
    history.replaceState(null, '', `#${t.id}`);
  };
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Разделы' }, ...buttons);
  tabKeys(list);
  replace(area, list, panel);
  show(tabs.find((t) => `#${t.id}` === location.hash) ?? tabs[0]!);
}
