export * from './alb';
export * from './apigateway';
export * from './dynamodb';
export * from './lambda';
