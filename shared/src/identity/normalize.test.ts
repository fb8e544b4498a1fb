import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDocNumber, normalizePhone, normalizeUscc } from './normalize.ts';

test('phones: spaces, dashes, brackets, +86 / 0086 / 86 and full-width digits', () => {
  for (const raw of [
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '+86 13800138000',
    '+8613800138000',
    '+86-138-0013-8000',
    '(+86) 138 0013 8000',
    '008613800138000',
    '0086 138 0013 8000',
    '8613800138000',
    '１３８００１３８０００',
    '＋８６　１３８－００１３－８０００',
    ' 138\u00a00013\u20138000 ',
  ])
    assert.equal(normalizePhone(raw), '13800138000', raw);
  // Not a mainland mobile: only compacted, left for the contract to refuse or keep.
  assert.equal(normalizePhone('0755-8888 6666'), '075588886666');
  assert.equal(normalizePhone('+852 9123 4567'), '+85291234567');
  assert.equal(normalizePhone('+86 12800138000'), '+8612800138000');
});

test('document numbers and USCC: NFKC, no separators, upper case', () => {
  assert.equal(
    normalizeDocNumber('４４０３０５ １９９００１０１ １２３ｘ'),
    '440305199001011 23X'.replace(' ', ''),
  );
  assert.equal(normalizeDocNumber('h1234-5678'), 'H12345678');
  assert.equal(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３'), '91350100M000100Y43');
  assert.equal(normalizeUscc(' 91350100-m000100-y43 '), '91350100M000100Y43');
});
