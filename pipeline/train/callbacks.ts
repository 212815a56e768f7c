/**
 * The tutorial's two Keras callbacks as plain state machines:
 * EarlyStopping(monitor='val_loss', patience) and ModelCheckpoint(monitor='val_accuracy', save_best_only).
 */

export interface EpochScores {
  valLoss: number;
  valAccuracy: number;
}

export interface EpochDecision {
  /** The checkpoint keeps this epoch's weights (a new best validation accuracy). */
  checkpoint: boolean;
  /** Validation loss has not improved for `patience` epochs: stop after this one. */
  stop: boolean;
}

export class TrainingCallbacks {
  private bestLoss = Infinity;
  private wait = 0;
  bestAccuracy = -Infinity;
  bestEpoch = 0;

  constructor(private readonly patience: number) {
    if (!(patience >= 0)) throw new Error(`patience must be a whole number ≥ 0, got ${patience}`);
  }

  observe(epoch: number, { valLoss, valAccuracy }: EpochScores): EpochDecision {
    const checkpoint = valAccuracy > this.bestAccuracy;
    if (checkpoint) {
      this.bestAccuracy = valAccuracy;
      this.bestEpoch = epoch;
    }
    if (valLoss < this.bestLoss) {
      this.bestLoss = valLoss;
      this.wait = 0;
      return { checkpoint, stop: false };
    }
    this.wait += 1;
    return { checkpoint, stop: this.wait >= this.patience };
  }
}
