import { TextAreaField, TextField } from "~/components/forms";
import { ImagePicker } from "~/components/merchant/image-picker";
import { ALT_MAX, centsToInput, DESCRIPTION_MAX, PRODUCT_NAME_MAX, STOCK_MAX } from "~/schemas/merchant";
import { useT } from "~/utils/i18n";

export type ProductDefaults = { name: string; description: string; priceCents: number; stock: number };

/** Fields of the product form, for a new product and an existing one. */
export function ProductFields({
  defaults,
  errors,
  maxBytes,
  canAddPhoto,
}: {
  defaults?: ProductDefaults;
  errors: Record<string, string[]>;
  /** The server's limit for one photo (MAX_UPLOAD_BYTES). */
  maxBytes: number;
  canAddPhoto: boolean;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id="product-name"
        name="name"
        label={t("merchant.field.productName")}
        defaultValue={defaults?.name}
        required
        maxLength={PRODUCT_NAME_MAX}
        errors={errors.name}
      />
      <TextAreaField
        id="product-description"
        name="description"
        label={t("merchant.field.productDescription")}
        defaultValue={defaults?.description}
        maxLength={DESCRIPTION_MAX}
        rows={3}
        errors={errors.description}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          id="product-price"
          name="price"
          label={t("merchant.field.price")}
          hint={t("merchant.field.priceHint")}
          defaultValue={defaults ? centsToInput(defaults.priceCents) : undefined}
          inputMode="decimal"
          autoComplete="off"
          required
          errors={errors.price}
        />
        <TextField
          id="product-stock"
          name="stock"
          type="number"
          inputMode="numeric"
          min={0}
          max={STOCK_MAX}
          step={1}
          label={t("merchant.field.stock")}
          hint={t("merchant.field.stockHint")}
          // 1, not 0: a new product at 0 would go online as "Épuisé".
          defaultValue={defaults?.stock ?? 1}
          required
          errors={errors.stock}
        />
      </div>
      {defaults ? <input type="hidden" name="stockWas" value={defaults.stock} /> : null}
      {canAddPhoto ? (
        <>
          <ImagePicker
            id="product-photo"
            name="photo"
            label={t(defaults ? "merchant.field.addPhoto" : "merchant.field.photo")}
            maxBytes={maxBytes}
            errors={errors.photo}
          />
          <TextField
            id="product-photo-alt"
            name="photoAlt"
            maxLength={ALT_MAX}
            label={t("merchant.photos.newAlt")}
            hint={t("merchant.photos.newAltHint")}
            errors={errors.photoAlt}
          />
        </>
      ) : null}
    </>
  );
}
