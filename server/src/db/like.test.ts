import { it } from 'node:test';
import assert from 'node:assert/strict';
import { likeEscape } from './like.ts';

it('likeEscape: %, _ and \\ typed by a user match themselves; other text is unchanged', () => {
  assert.equal(likeEscape('100%_好\\'), '100\\%\\_好\\\\');
  assert.equal(likeEscape('南山区志愿者'), '南山区志愿者');
});
