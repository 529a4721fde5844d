// Registers the cdktf jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...).
const cdktf = require('cdktf');
cdktf.Testing.setupJest();
