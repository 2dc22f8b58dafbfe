import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from '@/lib/domain/database-faults';
import { toAppError, toPublicError } from '@/lib/domain/errors';

/** Shapes recorded from Prisma 7 + @prisma/adapter-pg against a PostgreSQL 15 that was stopped, saturated or slow. */
function prismaError(code: string, message: string, adapterCause?: Record<string, unknown>) {
  return Object.assign(new Error(message), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: adapterCause ? { driverAdapterError: { name: 'DriverAdapterError', cause: adapterCause } } : {},
  });
}

const faults: [string, unknown][] = [
  [
    'server down (connection refused)',
    prismaError('P1001', "Can't reach database server at 127.0.0.1:55432", { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 55432 }),
  ],
  [
    'server shutting down mid-query (57P01)',
    prismaError('P2010', 'Raw query failed. Code: `57P01`.', {
      kind: 'postgres',
      code: '57P01',
      originalCode: '57P01',
      severity: 'FATAL',
      message: 'terminating connection due to administrator command',
    }),
  ],
  [
    'statement_timeout (57014)',
    prismaError('P2010', 'Raw query failed. Code: `57014`.', {
      kind: 'postgres',
      code: '57014',
      originalCode: '57014',
      severity: 'ERROR',
      message: 'canceling statement due to statement timeout',
    }),
  ],
  ['every pooled connection busy', new Error('timeout exceeded when trying to connect')],
  ['connection lost inside a transaction', new Error('Client has encountered a connection error and is not queryable')],
  ['connection dropped', new Error('Connection terminated unexpectedly')],
  ['socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read', errno: -104 })],
  ['wrapped in a cause', new Error('saving failed', { cause: new Error('Connection terminated due to connection timeout') })],
  [
    'a save whose transaction outlived its time limit (P2028)',
    prismaError(
      'P2028',
      'Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms.',
    ),
  ],
  ['server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' })],
];

const bugs: [string, unknown][] = [
  ['unique violation', prismaError('P2002', 'Unique constraint failed on the fields: (`name`)')],
  [
    'syntax error (42601)',
    prismaError('P2010', 'Raw query failed. Code: `42601`.', {
      kind: 'postgres',
      code: '42601',
      originalCode: '42601',
      severity: 'ERROR',
      message: 'syntax error at or near "SELEC"',
    }),
  ],
  ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ['not an error at all', 'Connection'],
  ['null', null],
];

describe('database faults', () => {
  it.each(faults)('recognizes %s as the database being unavailable', (_label, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
    const publicError = toPublicError(error);
    expect(publicError).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503, retryAfterSeconds: 5 });
    expect(publicError.message).toBe("The wiki's database is not reachable right now; please try again in a moment.");
  });

  it.each(bugs)('does not excuse %s as a database fault', (_label, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
    expect(toAppError(error)).toBeNull();
    expect(toPublicError(error)).toMatchObject({ code: 'INTERNAL', status: 500 });
  });

  it('survives an error whose cause chain loops', () => {
    const looping: Error & { cause?: unknown } = new Error('outer');
    looping.cause = looping;
    expect(isDatabaseUnavailableError(looping)).toBe(false);
  });
});
