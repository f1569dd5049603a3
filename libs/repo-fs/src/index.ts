export { DiskFileSystem, DEFAULT_DISK_LIMITS, type DiskLimits } from './disk-fs';
