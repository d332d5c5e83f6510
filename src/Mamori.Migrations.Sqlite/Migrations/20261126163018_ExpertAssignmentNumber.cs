using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExpertAssignmentNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Order matters on SQLite: the number is copied and the engagement's (id, number) key made unique
            // before the assignments' table is rebuilt with the foreign key over (id, number) (SQLite refuses a
            // foreign key whose parent columns have no unique index). The key is a unique index here, not a table
            // constraint, so the engagements' table need not be rebuilt; a later rebuild of that table writes it
            // as the model's constraint.
            migrationBuilder.AddColumn<string>(
                name: "EngagementNumber",
                table: "EngagementExperts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""UPDATE "EngagementExperts" SET "EngagementNumber" = (SELECT e."Number" FROM "Engagements" AS e WHERE e."Id" = "EngagementExperts"."EngagementId");""");

            migrationBuilder.Sql("""CREATE UNIQUE INDEX "AK_Engagements_Id_Number" ON "Engagements" ("Id", "Number");""");

            migrationBuilder.DropForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_EngagementId_EngagementNumber",
                table: "EngagementExperts",
                columns: new[] { "EngagementId", "EngagementNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementNumber_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementNumber", "EngagementId" });

            migrationBuilder.AddForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId_EngagementNumber",
                table: "EngagementExperts",
                columns: new[] { "EngagementId", "EngagementNumber" },
                principalTable: "Engagements",
                principalColumns: new[] { "Id", "Number" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId_EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.Sql("""DROP INDEX IF EXISTS "AK_Engagements_Id_Number";""");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_EngagementId_EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementNumber_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.DropColumn(
                name: "EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementId" });

            migrationBuilder.AddForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId",
                table: "EngagementExperts",
                column: "EngagementId",
                principalTable: "Engagements",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
