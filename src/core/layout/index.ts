export { ABIS, ABI_NAMES, isAbiName } from './abi';
export type { Abi, SizeAlign } from './abi';
export { LayoutContext } from './context';
export type { TypeInfo } from './context';
export { LayoutError } from './errors';
export { layoutStruct, layoutRecordDecl, findRecord, CACHELINE } from './struct';
export type { AbiName, Hole, MemberLayout, StructLayout } from './types';
