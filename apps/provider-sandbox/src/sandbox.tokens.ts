/** The sandbox's configuration (`SandboxConfig`). */
export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');
/** The clock and id generator (`SandboxRuntime`). */
export const SANDBOX_RUNTIME = Symbol('SANDBOX_RUNTIME');
