import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageOn, checkDocument, idCheckChar } from './documents.ts';
import { isValidUscc, usccCheckChar } from './uscc.ts';
import { maskDocument, maskName, maskPhone } from './mask.ts';

const today = new Date('2026-11-22T00:00:00Z');

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
  assert.equal(checkDocument('passport', 'E1234-567', today).ok, false);
  assert.equal(checkDocument('foreign_permanent_residence', 'USA440305123456', today).ok, true);
  assert.equal(checkDocument('foreign_permanent_residence', 'US4403051234567', today).ok, false);
});

test('property: any 17 digits with a real date plus their check character pass; any other last character fails', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^\d{6}$/),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2026-11-21'), noInvalidDate: true }),
      fc.stringMatching(/^\d{3}$/),
      (area, date, seq) => {
        if (/^8[123]/.test(area)) return;
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
