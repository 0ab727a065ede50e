import type { SlabGeometry } from './slab';

export interface SlabMemoryImpact {
  activeObjects: number;
  slabsBefore: number;
  slabsAfter: number;
  /** Bytes of slab pages needed for the active objects, before and after. */
  bytesBefore: number;
  bytesAfter: number;
  deltaBytes: number;
  /** Delta in pages of `pageSize`. */
  deltaPages: number;
}

/**
 * What a change of geometry costs for a given population, e.g. the active objects of
 * /proc/slabinfo (read by the caller): slabs are filled completely, so this is the
 * lower bound a perfectly packed cache would use, before and after.
 */
export function slabMemoryImpact(before: SlabGeometry, after: SlabGeometry, activeObjects: number, pageSize = 4096): SlabMemoryImpact {
  if (!Number.isFinite(activeObjects) || activeObjects < 0) throw new RangeError(`bad active object count ${activeObjects}`);
  const slabsBefore = before.objsPerSlab > 0 ? Math.ceil(activeObjects / before.objsPerSlab) : 0;
  const slabsAfter = after.objsPerSlab > 0 ? Math.ceil(activeObjects / after.objsPerSlab) : 0;
  const bytesBefore = slabsBefore * before.slabBytes;
  const bytesAfter = slabsAfter * after.slabBytes;
  return {
    activeObjects,
    slabsBefore,
    slabsAfter,
    bytesBefore,
    bytesAfter,
    deltaBytes: bytesAfter - bytesBefore,
    deltaPages: (bytesAfter - bytesBefore) / pageSize,
  };
}
