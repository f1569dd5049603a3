export { DiskFileSystem } from './disk-fs';
