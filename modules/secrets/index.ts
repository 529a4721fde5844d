export * from './secret';
export * from './secret-rotation-schedule';
export * from './ephemeral-random-password';
