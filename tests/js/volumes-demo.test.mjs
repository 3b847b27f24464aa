// The volumes demo reproduces the agency's 2023 touchpoint figures
// (../shared/design/domain.md) through the WASM core the page uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { volumesDemo } from '../../scripts/gen-volumes.mjs';
import { analyze } from '../../web/api.js';

test('the volumes demo: 2023 totals, channel mix, the projected contact-center year', async () => {
  const report = await analyze({ name: 'volumi-demo.csv', bytes: Buffer.from(volumesDemo()) });
  const v = report.datasets[0].volumes;
  assert.equal(report.datasets[0].kind.value, 'volumes');
  assert.equal(v.period.last, '2023-10');
  assert.equal(v.period.partial_last_year, true);
  const series = (name) => v.series.find((s) => s.name === name);
  const total2023 = (name) => series(name).years.find((y) => y.year === 2023).total;
  const bookings = ['in presenza', 'ricontatto telefonico', 'videochiamata']
    .map((m) => total2023(`Sede · ${m} · prenotazioni`)).reduce((a, b) => a + b, 0);
  assert.equal(bookings, 3597695);
  assert.equal(total2023('Sede · accesso fisico · accessi'), 1855527);
  assert.equal(total2023('Sede · consulenza specialistica · consulenze'), 493062);
  assert.equal(total2023('Contact center · telefono · contatti'), 23969426);
  assert.equal(total2023('Portale · web · visualizzazioni'), 5527739211);
  assert.equal(total2023('Portale · SPID/CIE/CNS · autenticazioni'), 209387351);
  assert.equal(total2023('App · INPS Mobile · download'), 2814457);
  assert.equal(total2023('App · INPS Mobile · visualizzazioni'), 926417447);
  assert.equal(total2023('App · INPS Mobile · login'), 127931943);
  const posts = (year) => v.series.filter((s) => s.name.startsWith('Social') && s.name.endsWith('post'))
    .map((s) => s.years.find((y) => y.year === year).total).reduce((a, b) => a + b, 0);
  assert.equal(posts(2022), 6069);
  assert.equal(posts(2023), 4816);
  // In person 62% -> 70%, phone call-back 38% -> 29%; video calls +60% in 2023.
  const mix = v.mix.groups.find((g) => g.name === 'Sede · prenotazioni');
  const share = (year, i) => Math.round(mix.years.find((y) => y.year === year).shares[i] * 100);
  assert.deepEqual([share(2021, 0), share(2023, 0), share(2021, 1), share(2023, 1)], [62, 70, 38, 29]);
  const video = series('Sede · videochiamata · prenotazioni').years.find((y) => y.year === 2023);
  assert.equal(Math.round(video.same_period.change * 100), 60);
  // Contact center: +30% if the January-October pace holds to December.
  const contacts = series('Contact center · telefono · contatti').years;
  const years = contacts.map((y) => y.year);
  assert.deepEqual(years, [2021, 2022, 2023]);
  assert.ok(Math.abs(contacts[1].change) < 0.01, '2021-2022 stable');
  const projection = contacts[2].projection;
  assert.equal(Math.round(((projection.run_rate - contacts[1].total) / contacts[1].total) * 100), 30);
  assert.ok(Number.isFinite(projection.seasonal));
  assert.deepEqual(projection.seasonal_years, [2021, 2022]);
  // Derived ratios: physical accesses per booking; followers are a level, growing.
  const perBooking = v.ratios.find((r) => r.name === 'accesses_per_booking' && r.scope === 'Sede');
  assert.equal(perBooking.years.find((y) => y.year === 2023).value, 1855527 / 3597695);
  const facebook = series('Social · Facebook · follower');
  assert.equal(facebook.kind, 'stock');
  assert.deepEqual(facebook.years.map((y) => y.total), [620000, 700000, 760000]);
  assert.ok(v.series.filter((s) => s.kind === 'stock').every((s) => s.years.slice(1).every((y) => y.change > 0)), 'followers grow everywhere');
  assert.ok(v.ratios.some((r) => r.name === 'engagement' && r.scope === 'Social · Facebook'));
});
