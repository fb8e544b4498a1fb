import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageOn, checkDocument, chinaDay, idCheckChar } from './documents.ts';
import { isValidUscc, usccCheckChar } from './uscc.ts';
import { maskDocument, maskName, maskPhone } from './mask.ts';

const today = new Date('2026-11-22T00:00:00Z');

/** The province-level codes of GB/T 2260 (with 83 for Taiwan residents' residence permits). */
const PROVINCES = [
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83'],
];
const idWith = (area: string, birth = '19900101', seq = '123') => {
  const first17 = `${area}${birth}${seq}`;
  return first17 + idCheckChar(first17);
};

test('mainland ID: the GB 11643 example, birth date and gender', () => {
  assert.deepEqual(checkDocument('mainland_id', '11010519491231002x', today), {
    ok: true,
    number: '11010519491231002X',
    birthDate: '1949-12-31',
    gender: 'female',
  });
  assert.equal(
    checkDocument('mainland_id', '11010519491231002X'.slice(0, 17) + '1', today).problem,
    'CHECKSUM',
  );
  assert.equal(checkDocument('mainland_id', '1101051949123100', today).problem, 'FORMAT');
});

test('mainland ID: impossible and future dates are refused', () => {
  const withDate = (d: string) => {
    const first17 = `440305${d}123`;
    return first17 + idCheckChar(first17);
  };
  assert.equal(checkDocument('mainland_id', withDate('20230229'), today).problem, 'BIRTH_DATE');
  assert.equal(checkDocument('mainland_id', withDate('20271001'), today).problem, 'BIRTH_DATE');
  assert.equal(checkDocument('mainland_id', withDate('18991231'), today).problem, 'BIRTH_DATE');
  assert.equal(checkDocument('mainland_id', withDate('20240229'), today).ok, true);
});

test('residence permits use the ID scheme with 810000 / 820000 / 830000', () => {
  const permit = (prefix: string) => {
    const first17 = `${prefix}19900101001`;
    return first17 + idCheckChar(first17);
  };
  assert.equal(checkDocument('hk_residence_permit', permit('810000'), today).ok, true);
  assert.equal(checkDocument('mo_residence_permit', permit('820000'), today).ok, true);
  assert.equal(checkDocument('tw_residence_permit', permit('830000'), today).ok, true);
  assert.equal(checkDocument('hk_residence_permit', permit('820000'), today).problem, 'PREFIX');
  assert.equal(checkDocument('mainland_id', permit('810000'), today).problem, 'PREFIX');
});

test('permits, passports and permanent residence cards: format checks', () => {
  assert.equal(checkDocument('home_return_permit', 'H12345678', today).ok, true);
  assert.equal(checkDocument('home_return_permit', 'M1234567890', today).ok, true);
  assert.equal(checkDocument('home_return_permit', 'X12345678', today).ok, false);
  assert.equal(checkDocument('taiwan_compatriot_permit', '12345678', today).ok, true);
  assert.equal(checkDocument('taiwan_compatriot_permit', '1234567', today).ok, false);
  assert.equal(checkDocument('passport', 'E12345678', today).ok, true);
  assert.equal(checkDocument('passport', 'E1234*567', today).ok, false);
  // Dashes and spaces are separators people type, not part of the number.
  assert.equal(checkDocument('passport', 'E1234-567', today).number, 'E1234567');
  assert.equal(checkDocument('foreign_permanent_residence', 'USA440305123456', today).ok, true);
  assert.equal(checkDocument('foreign_permanent_residence', 'US4403051234567', today).ok, false);
});

test('property: any 17 digits with a real date plus their check character pass; any other last character fails', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...PROVINCES).chain((p) => fc.stringMatching(/^\d{4}$/).map((rest) => p + rest)),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2026-11-21'), noInvalidDate: true }),
      fc.stringMatching(/^\d{3}$/),
      (area, date, seq) => {
        if (/^8[123]/.test(area) || area === '000000') return;
        const first17 = area + date.toISOString().slice(0, 10).replace(/-/g, '') + seq;
        const check = idCheckChar(first17);
        assert.equal(checkDocument('mainland_id', first17 + check, today).ok, true);
        for (const wrong of '0123456789X')
          if (wrong !== check) assert.equal(checkDocument('mainland_id', first17 + wrong, today).ok, false);
      },
    ),
    { numRuns: 200, seed: 11643 },
  );
});

test('age in whole years', () => {
  assert.equal(ageOn('2008-11-22', today), 18);
  assert.equal(ageOn('2008-11-23', today), 17);
  assert.equal(ageOn('2012-11-23', today), 13);
});

test('unified social credit code (GB 32100)', () => {
  assert.equal(isValidUscc('91350100M000100Y43'), true);
  assert.equal(isValidUscc('91350100M000100Y44'), false);
  assert.equal(isValidUscc('91350100M000100I43'), false, 'I is not in the alphabet');
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{17}$/), (first17) => {
      assert.equal(isValidUscc(first17 + usccCheckChar(first17)), true);
    }),
    { numRuns: 200, seed: 32100 },
  );
});

test('masks keep at most the first 6 and last 4', () => {
  assert.equal(maskDocument('11010519491231002X'), '110105********002X');
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskName('张小明'), '张*明');
  assert.equal(maskName('张明'), '张*');
  assert.equal(maskName('欧阳小明'), '欧**明');
  assert.equal(maskDocument('H12345678'), 'H1*****78');
});

test('mainland ID: address code 000000 or a province that does not exist is refused', () => {
  assert.equal(checkDocument('mainland_id', idWith('000000'), today).problem, 'REGION');
  for (let p = 0; p < 100; p++) {
    const province = String(p).padStart(2, '0');
    const r = checkDocument('mainland_id', idWith(`${province}0101`), today);
    if (/^8[123]$/.test(province)) assert.equal(r.problem, 'PREFIX', province);
    else if (PROVINCES.includes(province)) assert.equal(r.ok, true, province);
    else assert.equal(r.problem, 'REGION', province);
  }
  // A six-digit code of a real province that is not (or no longer) in the list is fine: codes change.
  assert.equal(checkDocument('mainland_id', idWith('449999'), today).ok, true);
  assert.equal(checkDocument('mainland_id', idWith('110000'), today).ok, true);
  assert.equal(checkDocument('mainland_id', idWith('500000'), today).ok, true);
  // The foreigner's permanent residence card of 2023 starts with 9 and keeps its own scheme.
  assert.equal(checkDocument('foreign_permanent_residence', idWith('944030'), today).ok, true);
});

test('document numbers: full-width characters, spaces and dashes are normalised, not refused', () => {
  const id = '11010519491231002X';
  const fullWidth = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  assert.deepEqual(
    [
      checkDocument('mainland_id', fullWidth, today).ok,
      checkDocument('mainland_id', fullWidth, today).number,
    ],
    [true, id],
  );
  assert.equal(
    checkDocument('mainland_id', `${id.slice(0, 6)} ${id.slice(6, 14)}-${id.slice(14)}`, today).number,
    id,
  );
  // The GB 11643 example with a full-width lower-case check character ｘ.
  const r = checkDocument('mainland_id', '１１０１０５１９４９１２３１００２ｘ', today);
  assert.deepEqual([r.ok, r.number], [true, '11010519491231002X']);
  assert.equal(checkDocument('passport', 'ｅ１２３ ４５６７８', today).number, 'E12345678');
  assert.equal(isValidUscc('９１３５０１００Ｍ０００１００Ｙ４３'), true);
  assert.equal(isValidUscc('91350100-M000100 y43'), true);
});

test('ages and birth dates turn at midnight in China, not at midnight UTC', () => {
  // 2026-12-06T17:00Z is 2026-12-07 01:00 in China: born 2008-12-07, the person is 18 there.
  const chinaMidnight = new Date('2026-12-06T16:00:00Z');
  assert.equal(chinaDay(chinaMidnight), '2026-12-07');
  assert.equal(chinaDay(new Date('2026-12-06T15:59:59Z')), '2026-12-06');
  assert.equal(ageOn('2008-12-07', new Date('2026-12-06T17:00:00Z')), 18);
  assert.equal(ageOn('2008-12-07', chinaMidnight), 18);
  assert.equal(ageOn('2008-12-07', new Date('2026-12-06T15:59:59Z')), 17);
  // Someone born today in China (still yesterday in UTC) has a real, not a future, birth date.
  const born = checkDocument('mainland_id', idWith('440305', '20261207'), new Date('2026-12-06T17:00:00Z'));
  assert.deepEqual([born.ok, born.birthDate], [true, '2026-12-07']);
  assert.equal(
    checkDocument('mainland_id', idWith('440305', '20261208'), new Date('2026-12-06T17:00:00Z')).problem,
    'BIRTH_DATE',
  );
});
