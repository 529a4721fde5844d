// Types of the cdktf jest matchers registered in __tests__/setup.js.
import 'cdktf/lib/testing/adapters/jest';
