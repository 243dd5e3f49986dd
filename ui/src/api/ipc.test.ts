import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';

import { call, IpcError } from './ipc';

describe('call', () => {
  it('sends the request as the single argument `req` and returns the response', async () => {
    let seen: unknown;
    mockIPC((cmd, payload) => {
      seen = { cmd, payload };
      return { items: [], total: 0, page: 2, size: 10 };
    });
    const req = { page: 2, size: 10, q: 'crm', asc: true };
    await expect(call('asset_list', req)).resolves.toEqual({
      items: [],
      total: 0,
      page: 2,
      size: 10,
    });
    expect(seen).toEqual({ cmd: 'asset_list', payload: { req } });
  });

  it('rejects with the backend error code and message', async () => {
    mockIPC(() => {
      throw { code: 'notFound', message: 'data subject request 7 not found' };
    });
    const error = await call('dsar_get', { id: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: 'notFound', message: 'data subject request 7 not found' });
  });

  it('turns a bare string rejection into an internal error', async () => {
    mockIPC(() => {
      throw 'command dsar_get not found';
    });
    await expect(call('dsar_get', { id: 1 })).rejects.toMatchObject({
      code: 'internal',
      message: 'command dsar_get not found',
    });
  });

  it('turns an unknown error code into an internal error, keeping the text', async () => {
    mockIPC(() => {
      throw { code: 'teapot', message: 'short and stout' };
    });
    const error = (await call('app_info', {}).catch((e: unknown) => e)) as IpcError;
    expect(error.code).toBe('internal');
    expect(error.message).toContain('teapot');
  });
});

describe('IpcError.from', () => {
  it('keeps the message of a thrown Error', () => {
    expect(IpcError.from(new TypeError('boom'))).toMatchObject({
      code: 'internal',
      message: 'boom',
    });
  });

  it('describes a value that is no error at all', () => {
    expect(IpcError.from(undefined).code).toBe('internal');
    expect(IpcError.from(null).message).toContain('null');
  });
});

describe('field errors', () => {
  it('keeps the fields the vault refused, with their problem and fix', async () => {
    const fields = [
      { field: 'settings.host', problem: 'is empty', fix: 'enter the server name' },
      { field: 'settings.include[1]', problem: 'is not a glob', fix: 'remove the bracket' },
    ];
    mockIPC(() => {
      throw { code: 'invalid', message: 'vault: invalid connection settings', fields };
    });
    const error = (await call('app_info', {}).catch((e: unknown) => e)) as IpcError;
    expect(error.code).toBe('invalid');
    expect(error.fields).toEqual(fields);
  });

  it('has none for other errors, or when the list is malformed', () => {
    expect(IpcError.from({ code: 'notFound', message: 'gone' }).fields).toEqual([]);
    expect(
      IpcError.from({ code: 'invalid', message: 'x', fields: [{ field: 3 }, 'name'] }).fields,
    ).toEqual([]);
  });
});
