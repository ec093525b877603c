// The parent page of the console (docs/console.md). Being built in issue 11.
import { h, replace } from '../common/dom.js';
import { startPage } from '../common/shell.js';

await startPage({ title: 'Посещение и питание', roles: ['guardian'], render: (main) => replace(main, h('p', null, 'Раздел готовится.')) });
