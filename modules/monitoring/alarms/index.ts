export * from './alarm-builder';
export * from './apigateway';
export * from './dynamodb';
export * from './lambda';
export * from './alb';
