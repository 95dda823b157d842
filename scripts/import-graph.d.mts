export declare const FLOORS: Record<string, number>;

export interface House {
  modules: string[];
  /** Modules of src/ missing from FLOORS. */
  unplaced: string[];
  /** `from -> to` between modules. */
  arrows: string[];
  arrowsUp: { arrow: string; imports: string[] }[];
  fileCircles: string[][];
  moduleCircles: string[][];
  /** Files of src/ importing each package (bare specifier). */
  packageUsers: Record<string, string[]>;
  largestFiles: { file: string; lines: number }[];
}

export declare function moduleOf(srcPath: string): string;
export declare function drawHouse(srcDir: string): House;
