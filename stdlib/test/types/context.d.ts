// The context variables of proxy.js (declared by its `pipy({...})`), for the type checker.

declare var _target: string | undefined;
declare var _requests: number;
