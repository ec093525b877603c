// The menu section (catering): the school's product categories and products with their prices;
// a product is added, repriced, renamed or taken off sale. School operators see it read-only.
import { api } from '../common/api.js';
import { field, h, replace } from '../common/dom.js';
import { kopOf, money } from '../common/format.js';
import { act, input, select, statusLine, table, type Office } from './shared.js';

interface Category { readonly id: string; readonly code: string; readonly name: string }
interface Product { readonly id: string; readonly name: string; readonly category: string; readonly priceKop: number; readonly active: boolean }

export function catalogSection(office: Office): HTMLElement {
  const status = statusLine();
  const cats = h('div');
  const prods = h('div');
  const canEdit = office.role === 'catering_operator' || office.role === 'city_admin';
  const category = select({});
  const refresh = async () => {
    const c = (await api<{ items: Category[] }>('GET', `/schools/${office.school.id}/categories`)).items;
    const p = (await api<{ items: Product[] }>('GET', `/schools/${office.school.id}/products?limit=1000`)).items;
    const nameOf = new Map(c.map((x) => [x.code, x.name]));
    replace(category, ...c.map((x) => h('option', { value: x.code }, x.name)));
    replace(cats, c.length === 0 ? h('p', null, 'Категорий нет.') : table('Категории', ['Категория', 'Код'], c.map((x) => [x.name, x.code])));
    replace(prods, p.length === 0 ? h('p', null, 'Товаров нет.') : table('Товары', ['Товар', 'Категория', 'Цена', 'В продаже', ''],
      p.sort((a, b) => a.name.localeCompare(b.name, 'ru')).map((x) => [x.name, nameOf.get(x.category) ?? x.category, money(x.priceKop),
        x.active ? 'да' : 'нет', canEdit ? productActions(x, status, refresh) : ''])));
  };
  void act(null, status, refresh);
  const code = input({ maxlength: 32, pattern: '[a-z0-9_\\-]{1,32}', required: true, autocomplete: 'off', placeholder: 'drinks' });
  const cname = input({ maxlength: 200, required: true, autocomplete: 'off', placeholder: 'Напитки' });
  const addCat = h('button', { type: 'submit' }, 'Добавить категорию');
  const pname = input({ maxlength: 200, required: true, autocomplete: 'off' });
  const price = input({ inputmode: 'decimal', required: true, autocomplete: 'off', placeholder: '45,00' });
  const addProd = h('button', { type: 'submit' }, 'Добавить товар');
  const forms = canEdit ? h('div', { class: 'columns' },
    h('form', { class: 'card', onsubmit: (ev) => {
      ev.preventDefault();
      void act(addCat, status, async () => {
        await api('POST', `/schools/${office.school.id}/categories`, { code: code.value.trim(), name: cname.value.trim() });
        code.value = ''; cname.value = '';
        await refresh();
        status.ok('Категория добавлена.');
      });
    } }, h('h2', null, 'Новая категория'), field('Код', code, 'латиница, цифры, _ и -'), field('Название', cname), addCat),
    h('form', { class: 'card', onsubmit: (ev) => {
      ev.preventDefault();
      void act(addProd, status, async () => {
        const kop = kopOf(price.value);
        if (kop === null) { status.ok('Цена: число рублей, например 45 или 45,50.'); price.focus(); return; }
        await api('POST', `/schools/${office.school.id}/products`, { name: pname.value.trim(), category: category.value, priceKop: kop });
        pname.value = ''; price.value = '';
        await refresh();
        status.ok('Товар добавлен.');
      });
    } }, h('h2', null, 'Новый товар'), field('Название', pname), field('Категория', category), field('Цена, ₽', price), addProd)) : null;
  return h('section', { 'aria-label': 'Меню' }, status.el, h('h2', null, 'Товары'), prods, h('h2', null, 'Категории'), cats, forms);
}

function productActions(p: Product, status: ReturnType<typeof statusLine>, refresh: () => Promise<void>): HTMLElement {
  const price = input({ inputmode: 'decimal', value: (p.priceKop / 100).toFixed(2).replace('.', ','), size: 7, 'aria-label': `Цена: ${p.name}` });
  const save = h('button', { type: 'button', class: 'secondary', onclick: () => void act(save, status, async () => {
    const kop = kopOf(price.value);
    if (kop === null) { status.ok('Цена: число рублей, например 45 или 45,50.'); return; }
    await api('PATCH', `/products/${p.id}`, { priceKop: kop });
    await refresh();
    status.ok('Цена изменена.');
  }) }, 'Цена');
  const toggle = h('button', { type: 'button', class: 'secondary', onclick: () => void act(toggle, status, async () => {
    await api('PATCH', `/products/${p.id}`, { active: !p.active });
    await refresh();
  }) }, p.active ? 'Снять с продажи' : 'Вернуть в продажу');
  return h('span', { class: 'actions' }, price, save, toggle);
}
