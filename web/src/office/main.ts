// The office page of the console (docs/console.md). Being built in issue 11.
import { h, replace } from '../common/dom.js';
import { startPage } from '../common/shell.js';

await startPage({ title: 'Канцелярия школы', roles: ['school_operator', 'catering_operator', 'city_admin'], render: (main) => replace(main, h('p', null, 'Раздел готовится.')) });
