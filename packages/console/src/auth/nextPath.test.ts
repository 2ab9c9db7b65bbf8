import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './nextPath';

describe('loginPathFor', () => {
  it('remembers the wanted page, including its query', () => {
    expect(loginPathFor({ pathname: '/settings/users', search: '?q=lin', hash: '' })).toBe(
      '/login?next=%2Fsettings%2Fusers%3Fq%3Dlin',
    );
  });

  it('keeps the login URL clean for the home page', () => {
    expect(loginPathFor({ pathname: '/', search: '', hash: '' })).toBe('/login');
  });
});

describe('safeNextPath', () => {
  it('accepts paths inside the console', () => {
    expect(safeNextPath('/settings/teams')).toBe('/settings/teams');
  });

  it.each([null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', '/login', '/login?next=/'])(
    'falls back to home for %j',
    (next) => {
      expect(safeNextPath(next)).toBe('/');
    },
  );
});
